import Foundation
import GRDB
import KvalitetDomain

extension EarkivStore {
    /// One case with its versions (oldest first) and notes (in number order); nil if it is gone.
    static func arende(_ id: String, _ family: RecordFamily, closedOn: LocalDate, in db: Database) throws
        -> EarkivArende?
    {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.*, (SELECT group_concat(unit_id) FROM record_units u WHERE u.record_id = r.id) AS units
                    FROM records r WHERE r.id = ?
                    """, arguments: [id]),
            let primary = LocalDate(row["primary_date"])
        else { return nil }
        let versions = try Row.fetchAll(
            db, sql: "SELECT * FROM record_versions WHERE record_id = ? ORDER BY version", arguments: [id]
        ).map { row in
            EarkivVersion(
                version: row["version"], action: row["action"],
                changedAt: Timestamp.parse(row["changed_at"]) ?? .distantPast, changedBy: row["changed_by"],
                snapshot: row["snapshot"])
        }
        let notes = try Row.fetchAll(
            db, sql: "SELECT * FROM lex_sarah_notes WHERE record_id = ? ORDER BY number", arguments: [id]
        ).map { row in
            EarkivNote(
                number: row["number"], documentedOn: LocalDate(row["documented_on"]) ?? primary,
                source: row["source"], kind: row["kind"], authorName: row["author_name"],
                authorTitle: row["author_title"], text: row["text"],
                addedAt: Timestamp.parse(row["added_at"]) ?? .distantPast, addedBy: row["added_by"])
        }
        return EarkivArende(
            id: id, family: family, title: row["title"], status: row["status"], primaryDate: primary,
            closedOn: closedOn,
            units: ((row["units"] as String?) ?? "").split(separator: ",").map(String.init).sorted(),
            version: row["version"], createdAt: Timestamp.parse(row["created_at"]) ?? .distantPast,
            createdBy: row["created_by"], updatedAt: Timestamp.parse(row["updated_at"]) ?? .distantPast,
            voidedOn: (row["voided_on"] as String?).flatMap(LocalDate.init), voidedReason: row["voided_reason"],
            body: row["body"], versions: versions, notes: notes)
    }
}
