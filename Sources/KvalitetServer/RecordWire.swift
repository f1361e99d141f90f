import KvalitetDomain
import KvalitetStorage

/// How one record family looks on the wire: its field keys, how they decode, how they encode.
protocol RecordWire: Sendable {
    associatedtype Kind: StoredKind
    /// The collection's path segment under `/api/v1`, e.g. `avvikelser`.
    static var path: String { get }
    /// Every field key, in output order (including transition-only ones).
    static var fieldKeys: [String] { get }
    /// Fields that may hold personal data: kept out of lists and out of CSV unless `includeText=true`.
    static var freeTextKeys: Set<String> { get }
    /// The code list the `category` filter is checked against.
    static var categoryCodes: [String] { get }

    static func encode(_ fields: Kind.Fields) -> [(String, JSONValue)]
    static func decode(_ object: JSONObject, _ decoder: inout WireDecoder) -> Kind.Draft
    /// Values computed on read (deadlines and the like).
    static func computed(_ record: CaseRecord<Kind>, today: LocalDate) -> [(String, JSONValue)]
}

extension RecordWire {
    static func computed(_ record: CaseRecord<Kind>, today: LocalDate) -> [(String, JSONValue)] { [] }

    static var metaKeys: [String] { ["id", "status", "version", "createdAt", "createdBy", "updatedAt", "voided"] }
    static var editableKeys: Set<String> { Set(fieldKeys).subtracting(Kind.transitionOnlyFields) }

    /// The record as the API returns it; `omitting` leaves out fields (free text in lists and CSV).
    static func json(_ record: CaseRecord<Kind>, today: LocalDate, omitting: Set<String> = []) -> JSONValue {
        let includeText = omitting.isEmpty
        var members: [(String, JSONValue)] = [("id", .string(record.id.description)), ("status", .string(record.status.rawValue))]
        members += encode(record.fields).filter { !omitting.contains($0.0) }
        members += [
            ("version", .int(record.version)), ("createdAt", .string(Timestamp.format(record.createdAt))),
            ("createdBy", .string(record.createdBy)), ("updatedAt", .string(Timestamp.format(record.updatedAt))),
            ("voided", record.voided.map { voided in
                .object(JSONObject([("on", .string(voided.on.description)),
                                    ("reason", .string(includeText ? voided.reason : "")), ("by", .string(voided.by))]))
            } ?? .null),
        ]
        members += computed(record, today: today)
        return .object(JSONObject(members))
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

    static func fieldsObject(_ fields: Kind.Fields) -> JSONObject { JSONObject(encode(fields)) }
}
