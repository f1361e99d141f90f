import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

/// The deadlines migration on a database with events and webhook deliveries: it rebuilds `events`
/// (for the two deadline kinds) and `webhook_deliveries` (which references it), and neither may lose
/// a row, a reference or the counter that keeps ids from being given twice.
@Suite("Deadlines migration over existing events and deliveries")
struct DeadlineMigrationTests {
    /// A database migrated up to, not including, the deadlines migration, with one record, two
    /// events (the second removed again, so the counter is past the highest row) and one delivery.
    private func before() throws -> String {
        let (path, applied) = try TestDatabase.migrated(
            "kvalitet-before-deadlines", before: { $0.name != "deadlines" }, rows: """
                INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('ifo', 'IFO', 'forvaltning', 'x', 'x');
                INSERT INTO records (id, family, year, seq, status, title, title_folded, primary_date, version,
                    created_at, created_by, updated_at, body)
                VALUES ('KLG-2025-0001', 'klagomal', 2025, 1, 'inkommen', 't', 't', '2025-04-17', 1, 'x', 'x', 'x', '{}');
                INSERT INTO events (id, kind, record_id, family, unit_ids, occurred_at, payload) VALUES
                    ('msg_00000001', 'record.created', 'KLG-2025-0001', 'klagomal', 'ifo', 'x', '{}'),
                    ('msg_00000002', 'record.status_changed', 'KLG-2025-0001', 'klagomal', 'ifo', 'x', '{}');
                INSERT INTO webhook_subscriptions (id, url, event_kinds, secret, created_at, created_by, cursor)
                VALUES ('wh_1', 'https://hooks.kommun.se/k', 'record.created', 'whsec_x', 'x', 'admin', 2);
                INSERT INTO webhook_deliveries (subscription_id, event_seq, record_id, state, first_due_at,
                    next_attempt_at) VALUES ('wh_1', 1, 'KLG-2025-0001', 'pending', 'x', 'x');
                DELETE FROM events WHERE seq = 2;
                """)
        let all = try Migrations.load(from: TestDatabase.migrations)
        #expect(applied < all.count, "the deadlines migration is among them")
        return path
    }

    @Test func eventsAndDeliveriesKeepTheirRowsReferencesAndCountersAndTakeTheDeadlineKinds() async throws {
        let database = try KvalitetDatabase.open(
            path: try before(), migrationsPath: TestDatabase.migrations, clock: FixedClock(TestDatabase.noon),
            logger: Logger(label: "test"))
        try await database.pool.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT id FROM events") == ["msg_00000001"])
            #expect(try Int.fetchOne(db, sql: "SELECT event_seq FROM webhook_deliveries") == 1)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            try db.execute(sql: """
                INSERT INTO events (id, kind, record_id, family, unit_ids, occurred_at, payload)
                VALUES ('msg_00000003', 'deadline.passed', 'KLG-2025-0001', 'klagomal', 'ifo', 'x', '{}');
                INSERT INTO webhook_deliveries (subscription_id, event_seq, record_id, state, first_due_at,
                    next_attempt_at) VALUES ('wh_1', 3, 'KLG-2025-0001', 'pending', 'x', 'x');
                """)
            // Seq 2 was given before the migration: the next event is 3, beyond every cursor.
            #expect(try Int.fetchOne(db, sql: "SELECT seq FROM events WHERE id = 'msg_00000003'") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT MAX(id) FROM webhook_deliveries") == 2)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO webhook_deliveries (subscription_id, event_seq, record_id, state, first_due_at,
                        next_attempt_at) VALUES ('wh_1', 99, 'KLG-2025-0001', 'pending', 'x', 'x')
                    """)
            }
        }
    }
}
