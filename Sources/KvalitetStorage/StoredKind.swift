import Foundation
import GRDB
import KvalitetDomain

/// What storage needs from a record family beyond `RecordKind`: its facts row (the field table's
/// single values, named in snake_case, plus derived columns), child rows, deadline condition and
/// report tallies.
public protocol StoredKind: RecordKind {
    /// Columns of the facts row the field table does not give: derived values and nested parts.
    static func derivedFacts(_ record: CaseRecord<Self>, settings: RecordSettings) -> [(String, DatabaseValue)]
    /// Writes (or rewrites) the family's child rows (root causes, notes, risks) in the caller's transaction.
    static func writeChildRows(_ record: CaseRecord<Self>, to db: any RowWriter, settings: RecordSettings) throws
    /// A condition on `r` (records) with one `?` for today, true for records that need action
    /// because a deadline has passed; nil when the family has no deadlines (`?overdue=` is refused).
    static var overdueCondition: String? { get }
    /// A condition on `r` (records) with one `?` for the code of the `category` list filter.
    static var categoryCondition: String { get }
    /// What the record adds to the report's running sums (the domain's counting rules).
    static func reportTallies(_ record: CaseRecord<Self>, settings: RecordSettings) -> [ReportTally: Int]
}

extension StoredKind {
    public static var overdueCondition: String? { nil }
    public static var categoryCondition: String { "r.category = ?" }
    public static func derivedFacts(_ record: CaseRecord<Self>,
                                    settings: RecordSettings) -> [(String, DatabaseValue)] { [] }
    public static func writeChildRows(
        _ record: CaseRecord<Self>, to db: any RowWriter, settings: RecordSettings
    ) throws {}

    /// The family's facts table: `avvikelse_facts`, `lex_sarah_facts`, …
    static var factsTable: String { family.rawValue + "_facts" }

    /// Writes (or rewrites) the record's facts row and child rows, in the caller's transaction.
    static func writeFacts(_ record: CaseRecord<Self>, to db: any RowWriter, settings: RecordSettings) throws {
        let context = FieldContext(today: primaryDate(of: record.fields), settings: settings, annotated: false)
        let columns: [(String, DatabaseValue)] = [("record_id", record.id.description.databaseValue),
                                                  ("status", record.status.rawValue.databaseValue)]
            + fieldTable.facts(record.fields, context).map { (snakeCase($0.key), $0.value.databaseValue) }
            + derivedFacts(record, settings: settings) + [("voided", (record.voided == nil ? 0 : 1).databaseValue)]
        let sql = "INSERT OR REPLACE INTO \(factsTable) (" + columns.map(\.0).joined(separator: ", ") + ") VALUES ("
            + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        // Through GRDB's existential initializer: its generic one (`some Sequence<some …>`) projects
        // a key path per value, 27 000 instructions for a facts row (callgrind, a bulk load).
        let values: [(any DatabaseValueConvertible)?] = columns.map { $0.1 }
        try db.executeCached(sql: sql, arguments: StatementArguments(values))
        try writeChildRows(record, to: db, settings: settings)
    }
}

/// `receivedOn` → `received_on`: a field's column name (field keys are ASCII camelCase; every write
/// of a facts row names each column, so this works on bytes, not on Unicode properties).
func snakeCase(_ key: String) -> String {
    var name: [UInt8] = []
    name.reserveCapacity(key.utf8.count + 4)
    for byte in key.utf8 {
        if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
            name.append(UInt8(ascii: "_"))
            name.append(byte + 32)
        } else {
            name.append(byte)
        }
    }
    return String(decoding: name, as: UTF8.self)
}

extension FieldValue {
    /// A single value as SQLite keeps it (flags as 0 and 1); lists and objects are never facts.
    var databaseValue: DatabaseValue {
        switch self {
        case .null, .list, .object: .null
        case .string(let text): text.databaseValue
        case .int(let number): number.databaseValue
        case .bool(let flag): (flag ? 1 : 0).databaseValue
        }
    }
}

/// The JSON form a record takes in `records.body` and `record_versions.snapshot`.
enum RecordCodec {
    // Configured once and never changed after: Foundation's decoder is Sendable and safe to share
    // while its options stay put (a new one per call was measurable in a bulk load).
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// Sorted keys (the same record is always the same text in `records.body` and its history),
    /// dates as milliseconds since 1970: see `RecordJSON`.
    static func encode<Kind: RecordKind>(_ record: CaseRecord<Kind>) throws -> String {
        String(decoding: try RecordJSON.encode(record), as: UTF8.self)
    }

    static func decode<Kind: RecordKind>(_ text: String, as kind: Kind.Type) throws -> CaseRecord<Kind> {
        try decoder.decode(CaseRecord<Kind>.self, from: Data(text.utf8))
    }
}

/// Root causes live in one child table for every family that has them, so they can be counted.
enum RootCauseRows {
    static func replace(recordId: String, causes: [RootCause], in db: any RowWriter) throws {
        try db.executeCached(sql: "DELETE FROM record_root_causes WHERE record_id = ?", arguments: [recordId])
        for cause in causes {
            try db.executeCached(sql: "INSERT INTO record_root_causes (record_id, code) VALUES (?, ?)",
                                 arguments: [recordId, cause.rawValue])
        }
    }
}

extension Avvikelse: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Avvikelse>,
                                     settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeChildRows(_ record: CaseRecord<Avvikelse>, to db: any RowWriter,
                                      settings: RecordSettings) throws {
        try RootCauseRows.replace(recordId: record.id.description, causes: record.fields.rootCauses, in: db)
    }
}

extension ChangeAction {
    /// The action as `record_versions` stores it: schema 1 allows only four, and a note is an update of the record.
    var versionAction: String { self == .note ? ChangeAction.update.rawValue : rawValue }
}

extension RecordFamily {
    /// The family's storage description. Every family's kind is a `StoredKind` (its conformance
    /// lives in this module); the registry tests check each.
    public var storedKind: any StoredKind.Type {
        guard let kind = kind as? any StoredKind.Type else { preconditionFailure("\(self) is not stored") }
        return kind
    }
}
