import Foundation
import GRDB
import KvalitetDomain

/// What storage needs from a record family beyond `RecordKind`: its fact rows, deadline condition
/// and report tallies.
public protocol StoredKind: RecordKind {
    /// Writes (or rewrites) the family's fact rows for `record`, in the caller's transaction.
    static func writeFacts(_ record: CaseRecord<Self>, to db: Database, settings: RecordSettings) throws
    /// A condition on `r` (records) with one `?` for today, true for records that need action
    /// because a deadline has passed; nil when the family has no deadlines (`?overdue=` is refused).
    static var overdueCondition: String? { get }
    /// What the record adds to the report's running sums (the domain's counting rules).
    static func reportTallies(_ record: CaseRecord<Self>, settings: RecordSettings) -> [ReportTally: Int]
}

extension StoredKind {
    public static var overdueCondition: String? { nil }
}

/// The JSON form a record takes in `records.body` and `record_versions.snapshot`.
enum RecordCodec {
    // One of each, configured once and never changed after: Foundation's coders are Sendable and
    // safe to share while their options stay put (a new one per call was measurable in a bulk load).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        // Sorted: the same record is always the same text in `records.body` and its history.
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static func encode<Kind: RecordKind>(_ record: CaseRecord<Kind>) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static func decode<Kind: RecordKind>(_ text: String, as kind: Kind.Type) throws -> CaseRecord<Kind> {
        try decoder.decode(CaseRecord<Kind>.self, from: Data(text.utf8))
    }
}

/// Root causes live in one child table for every family that has them, so they can be counted.
enum RootCauseRows {
    static func replace(recordId: String, causes: [RootCause], in db: Database) throws {
        try db.executeCached(sql: "DELETE FROM record_root_causes WHERE record_id = ?", arguments: [recordId])
        for cause in causes {
            try db.executeCached(sql: "INSERT INTO record_root_causes (record_id, code) VALUES (?, ?)", arguments: [recordId, cause.rawValue])
        }
    }
}

extension Avvikelse: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Avvikelse>, settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeFacts(_ record: CaseRecord<Avvikelse>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO avvikelse_facts
                (record_id, unit_id, received_on, occurred_on, category, lagrum, status, closed_on, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id.description, f.unitId, f.receivedOn.description, f.occurredOn?.description,
                             f.category.rawValue, f.lagrum.rawValue, record.status.rawValue, f.closedOn?.description,
                             record.voided == nil ? 0 : 1])
        try RootCauseRows.replace(recordId: record.id.description, causes: f.rootCauses, in: db)
    }
}

extension ChangeAction {
    /// The action as `record_versions` stores it: schema 1 allows only four, and a note is an update of the record.
    var versionAction: String { self == .note ? ChangeAction.update.rawValue : rawValue }
}
