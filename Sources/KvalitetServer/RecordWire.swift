import KvalitetDomain
import KvalitetStorage

/// What encoding a record needs besides the record: today (for deadlines) and the settings (risk levels).
struct WireContext: Sendable {
    let today: LocalDate
    let settings: RecordSettings
    /// False for the form a record is edited in (the base of a merge patch): without values the
    /// server computes, which a client can never send.
    var annotated: Bool = true

    func plain() -> WireContext { WireContext(today: today, settings: settings, annotated: false) }

    var fields: FieldContext { FieldContext(today: today, settings: settings, annotated: annotated) }
}

extension RecordFamily {
    /// The collection's path segment under `/api/v1` (`RecordFamily.collection`).
    var path: String { collection }
}

/// How one record family looks on the wire, all of it from the family's field table: its keys,
/// how a body decodes, how a record encodes.
enum RecordWire<Kind: StoredKind> {
    static var table: FieldTable<Kind> { Kind.fieldTable }
    static var path: String { Kind.family.path }
    static var metaKeys: [String] { ["id", "status", "version", "createdAt", "createdBy", "updatedAt", "voided"] }
    static var readOnlyKeys: Set<String> { Set(metaKeys).union(table.computedKeys).union(table.serverManagedKeys) }
    /// Keys a transition body may carry besides `to`.
    static var transitionKeys: Set<String> { Set(table.keys).subtracting(table.serverManagedKeys) }

    /// The record as the API returns it; `omitting` leaves out paths (free text in lists and CSV).
    static func json(_ record: CaseRecord<Kind>, _ context: WireContext, omitting: Set<String> = []) -> JSONValue {
        let includeText = omitting.isEmpty
        var members: [(String, JSONValue)] = [
            ("id", .string(record.id.description)), ("status", .string(record.status.rawValue)),
        ]
        members += table.show(record.fields, context.fields).map { ($0.key, JSONValue($0.value)) }
        members += [
            ("version", .int(record.version)), ("createdAt", .string(Timestamp.format(record.createdAt))),
            ("createdBy", .string(record.createdBy)), ("updatedAt", .string(Timestamp.format(record.updatedAt))),
            (
                "voided",
                record.voided.map { voided in
                    .object(
                        JSONObject([
                            ("on", .string(voided.on.description)),
                            ("reason", .string(includeText ? voided.reason : "")),
                            (
                                "by",
                                .string(voided.by)
                            ),
                        ]))
                } ?? .null
            ),
        ]
        members += table.showComputed(record, context.fields).map { ($0.key, JSONValue($0.value)) }
        return JSONValue.object(JSONObject(members)).removing(omitting)
    }

    /// Decodes a whole field object and validates it in the domain, reporting every problem once.
    static func validatedFields(
        _ object: JSONObject, today: LocalDate,
        alsoReporting earlier: [FieldProblem] = []
    ) throws(DomainError) -> Kind.Fields {
        let input = WireInput.root(object)
        let draft = table.draft(from: input)
        return try WireInput.merge(earlier + input.problems, into: Kind.validate(draft, today: today))
    }

    /// The fields as a client would send them: the base a merge patch or a transition applies to.
    static func fieldsObject(_ fields: Kind.Fields, _ context: WireContext) -> JSONObject {
        JSONObject(table.show(fields, context.plain().fields).map { ($0.key, JSONValue($0.value)) })
    }
}

extension JSONValue {
    /// A field table's value in JSON.
    init(_ value: FieldValue) {
        switch value {
        case .null: self = .null
        case .string(let text): self = .string(text)
        case .int(let number): self = .int(number)
        case .bool(let flag): self = .bool(flag)
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(JSONObject(members.map { ($0.key, JSONValue($0.value)) }))
        }
    }
}

extension JSONValue {
    /// A copy without the members `paths` name: `a`, `a/b`, or `a/*/b` for `b` in every item of array `a`.
    func removing(_ paths: Set<String>) -> JSONValue {
        paths.reduce(self) { value, path in value.removing(path.split(separator: "/").map(String.init)[...]) }
    }

    private func removing(_ path: ArraySlice<String>) -> JSONValue {
        guard let head = path.first else { return self }
        let rest = path.dropFirst()
        switch self {
        case .object(var object):
            if rest.isEmpty {
                object[head] = nil
            } else if let member = object[head] {
                object[head] = member.removing(rest)
            }
            return .object(object)
        case .array(let items) where head == "*":
            return .array(items.map { $0.removing(rest) })
        default:
            return self
        }
    }

    /// The value at a path of object members (`investigation/assessment`), or nil.
    func value(at path: String) -> JSONValue? {
        path.split(separator: "/").reduce(Optional(self)) { value, key in
            guard case .object(let object)? = value else { return nil }
            return object[String(key)]
        }
    }
}

extension RecordWire {
    /// The problems with a create or PATCH body's members: each must be editable; read-only,
    /// transition-only, retired and unknown members are reported at their pointers.
    static func checkEditableKeys(_ object: JSONObject) -> WireDecoder {
        var keys = WireDecoder()
        keys.checkKeys(
            object, allowed: table.editableKeys, readOnly: readOnlyKeys,
            transitionOnly: Kind.transitionOnlyFields, retired: table.retiredKeys)
        return keys
    }
}
