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
}

/// How one record family looks on the wire: its field keys, how they decode, how they encode.
protocol RecordWire: Sendable {
    associatedtype Kind: StoredKind
    /// The collection's path segment under `/api/v1`, e.g. `avvikelser`.
    static var path: String { get }
    /// Every field key, in output order (including transition-only and server-managed ones).
    static var fieldKeys: [String] { get }
    /// Paths that may hold personal data (`description`, `investigation/motivation`, `risks/*/description`):
    /// kept out of lists and out of CSV unless `includeText=true`.
    static var freeTextKeys: Set<String> { get }
    /// The code list the `category` filter is checked against.
    static var categoryCodes: [String] { get }
    /// Fields only the service writes (lex Sarah notes): shown, never accepted in a body.
    static var serverManagedKeys: Set<String> { get }
    /// Keys of `computed`: shown, never accepted in a body.
    static var computedKeys: Set<String> { get }
    /// CSV columns as paths (`investigation/assessment`), nested objects flattened.
    static var csvColumns: [String] { get }

    static func encode(_ fields: Kind.Fields, _ context: WireContext) -> [(String, JSONValue)]
    static func decode(_ object: JSONObject, _ decoder: inout WireDecoder) -> Kind.Draft
    /// Values computed on read (deadlines and the like).
    static func computed(_ record: CaseRecord<Kind>, _ context: WireContext) -> [(String, JSONValue)]
}

extension RecordWire {
    static func computed(_ record: CaseRecord<Kind>, _ context: WireContext) -> [(String, JSONValue)] { [] }
    static var serverManagedKeys: Set<String> { [] }
    static var computedKeys: Set<String> { [] }
    static var csvColumns: [String] { fieldKeys }

    static var metaKeys: [String] { ["id", "status", "version", "createdAt", "createdBy", "updatedAt", "voided"] }
    static var readOnlyKeys: Set<String> { Set(metaKeys).union(computedKeys).union(serverManagedKeys) }
    static var editableKeys: Set<String> { Set(fieldKeys).subtracting(Kind.transitionOnlyFields).subtracting(serverManagedKeys) }

    /// The record as the API returns it; `omitting` leaves out paths (free text in lists and CSV).
    static func json(_ record: CaseRecord<Kind>, _ context: WireContext, omitting: Set<String> = []) -> JSONValue {
        let includeText = omitting.isEmpty
        var members: [(String, JSONValue)] = [("id", .string(record.id.description)), ("status", .string(record.status.rawValue))]
        members += encode(record.fields, context)
        members += [
            ("version", .int(record.version)), ("createdAt", .string(Timestamp.format(record.createdAt))),
            ("createdBy", .string(record.createdBy)), ("updatedAt", .string(Timestamp.format(record.updatedAt))),
            ("voided", record.voided.map { voided in
                .object(JSONObject([("on", .string(voided.on.description)),
                                    ("reason", .string(includeText ? voided.reason : "")), ("by", .string(voided.by))]))
            } ?? .null),
        ]
        members += computed(record, context)
        return JSONValue.object(JSONObject(members)).removing(omitting)
    }

    /// Decodes a whole field object and validates it in the domain, reporting every problem once.
    static func validatedFields(_ object: JSONObject, today: LocalDate, alsoReporting earlier: [FieldProblem] = []) throws(DomainError) -> Kind.Fields {
        var decoder = WireDecoder()
        let draft = decode(object, &decoder)
        let wireProblems = earlier + decoder.problems
        switch Kind.validate(draft, today: today) {
        case .success(let fields):
            if !wireProblems.isEmpty { throw DomainError.invalid(wireProblems) }
            return fields
        case .failure(.invalid(let domainProblems)):
            // A field with a wrong type is absent from the draft; its "is required" would say it twice.
            let reported = Set(wireProblems.map(\.pointer))
            throw DomainError.invalid(wireProblems + domainProblems.filter { !reported.contains($0.pointer) })
        case .failure(let other):
            throw other
        }
    }

    /// The fields as a client would send them: the base a merge patch or a transition applies to.
    static func fieldsObject(_ fields: Kind.Fields, _ context: WireContext) -> JSONObject { JSONObject(encode(fields, context.plain())) }
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
            if rest.isEmpty { object[head] = nil } else if let member = object[head] { object[head] = member.removing(rest) }
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
