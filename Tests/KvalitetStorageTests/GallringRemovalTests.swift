import Foundation
import GRDB
import KvalitetDomain
import Testing

@testable import KvalitetStorage

/// What a gallring removes, what it leaves behind, and what the schema still refuses.
@Suite("Gallring: removal and the ledger")
struct GallringRemovalTests {
    let admin = TestDatabase.admin

    /// A lex Sarah report closed 2025-02-01 with one note, created with an idempotency key, and a
    /// family-wide rule keeping lex Sarah 0 years after closing.
    private func removableLexSarah(_ test: TestDatabase) async throws -> CaseNumber {
        try await test.seedUnits()
        let store = RecordStore<LexSarah>(test.database)
        let key = IdempotencyKey(key: "form-1", body: Array("{}".utf8))
        let id = try await store.create(
            LexSarah.Fields(unitId: "ifo-utr", title: "Brister i tillsynen", reportedOn: LocalDate("2025-01-10")!,
                            reporterRole: .anstalld, kinds: [.bristerIDokumentation]),
            by: admin, idempotency: key
        ).record.id
        try await test.database.pool.write { db in
            let now = "2026-01-15T12:00:00.000Z"
            try db.execute(sql: """
                INSERT INTO lex_sarah_notes (record_id, number, documented_on, source, kind, author_name, author_title,
                    text, added_at, added_by) VALUES (?, 1, '2025-01-11', 'Samtal', 'faktum', 'Anna', 'Utredare',
                    'Anteckning', ?, 'admin')
                """, arguments: [id.description, now])
            try db.execute(sql: "UPDATE records SET status = 'avslutad' WHERE id = ?", arguments: [id.description])
            try db.execute(sql: """
                UPDATE lex_sarah_facts SET status = 'avslutad', closed_on = '2025-02-01',
                    assessment = 'ej_missforhallande', completed_on = '2025-01-30' WHERE record_id = ?
                """, arguments: [id.description])
        }
        _ = try await GallringsregelStore(test.database).put(
            Gallringsregel(id: "lex-sarah", family: .lexSarah, years: 0, basis: .closed, decision: "Dnr SN 2025/112",
                           earkivRequired: false), by: admin)
        return id
    }

    @Test func aRemovedRecordLeavesNoRowAnywhereButTheLedgerAndTheAuditLog() async throws {
        let test = try TestDatabase()
        let id = try await removableLexSarah(test)
        let result = try await GallringStore(test.database).run(
            decision: "Dnr SN 2026/1", asOf: LocalDate("2026-01-01")!, withoutEarkiv: nil, by: admin)
        #expect(result == GallringRunResult(removed: 1, batches: 1))
        try await test.database.pool.read { db in
            for (table, column) in try GallringRemoval.childTables(db) + [("records", "id")] {
                let left = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) = ?",
                                            arguments: [id.description])
                #expect(left == 0, "\(table) still has rows of \(id)")
            }
            let ledger = try Row.fetchOne(db, sql: "SELECT * FROM gallrade_records WHERE id = ?", arguments: [id.description])
            #expect(ledger?["closed_on"] == "2025-02-01")
            #expect(ledger?["primary_date"] == "2025-01-10")
            #expect(ledger?["decision"] == "Dnr SN 2026/1")
            let audit = try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE action = 'gallring' AND record_id = ?",
                                            arguments: [id.description]) ?? ""
            #expect(audit.contains("decision Dnr SN 2026/1") && audit.contains("closed 2025-02-01"))
            #expect(!audit.contains("Brister") && !audit.contains("Anteckning"))
        }
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aRemovedRecordsEventsGoWithItAlsoWhenAWebhookDeliveryNamesThem() async throws {
        let test = try TestDatabase()
        let id = try await removableLexSarah(test)
        try await test.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO webhook_subscriptions (id, url, event_kinds, secret, created_at, created_by)
                VALUES ('wh_1', 'https://example.kommun.se/hook', 'record.created', 'whsec_x', '2026-01-15', 'admin')
                """)
            try db.execute(sql: """
                INSERT INTO webhook_deliveries (subscription_id, event_seq, record_id, state, first_due_at, delivered_at)
                SELECT 'wh_1', seq, record_id, 'delivered', occurred_at, occurred_at FROM events WHERE record_id = ?
                """, arguments: [id.description])
        }
        let result = try await GallringStore(test.database).run(
            decision: "Dnr SN 2026/1", asOf: LocalDate("2026-01-01")!, withoutEarkiv: nil, by: admin)
        #expect(result == GallringRunResult(removed: 1, batches: 1))
        try await test.database.pool.read { db in
            let events = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE record_id = ?",
                                          arguments: [id.description])
            let deliveries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_deliveries WHERE record_id = ?",
                                              arguments: [id.description])
            #expect(events == 0)
            #expect(deliveries == 0)
        }
    }

    @Test func aRemovedRecordsCaseNumberIsNeverGivenAgain() async throws {
        let test = try TestDatabase()
        let id = try await removableLexSarah(test)
        _ = try await GallringStore(test.database).run(
            decision: "Dnr 1", asOf: LocalDate("2026-01-01")!, withoutEarkiv: nil, by: admin)
        let next = try await RecordStore<LexSarah>(test.database).create(
            LexSarah.Fields(unitId: "ifo-utr", title: "Ny", reportedOn: LocalDate("2025-03-01")!, reporterRole: .anstalld,
                            kinds: [.bristerIDokumentation]),
            by: admin
        ).record.id
        #expect(next.year == id.year && next.sequence == id.sequence + 1)
    }

    @Test func aDeleteOutsideAGallringOrOfARecordNotInTheLedgerIsStillRefused() async throws {
        let test = try TestDatabase()
        let id = try await removableLexSarah(test)
        for sql in ["DELETE FROM record_versions WHERE record_id = ?", "DELETE FROM lex_sarah_notes WHERE record_id = ?"] {
            await #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try await test.database.pool.write { db in
                    try db.execute(sql: "INSERT INTO gallring_in_progress (id, decision) VALUES (1, 'Dnr 1')")
                    try db.execute(sql: sql, arguments: [id.description])
                }
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await test.database.pool.write { db in
                try db.execute(sql: "DELETE FROM record_versions WHERE record_id = ?", arguments: [id.description])
            }
        }
        #expect(try await test.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record_versions WHERE record_id = ?", arguments: [id.description])
        } == 1)
    }
}
