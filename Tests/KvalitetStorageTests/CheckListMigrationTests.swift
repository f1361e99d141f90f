import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

/// Schema 14 (`0014_checks_without_in_lists.sql`): the CHECKs that allowed a column a list of values
/// allow the same values without SQLite building a temporary b-tree for every INSERT.
@Suite("CHECKs without IN lists (schema 14)")
struct CheckListMigrationTests {
    /// Every ordinary table, with the number of temporary b-trees (`OpenEphemeral`) an INSERT into it
    /// opens: SQLite's own program for the statement, as `EXPLAIN` shows it on `db`'s connection.
    private func ephemeralTablesPerInsert(in db: Database) throws -> [String: Int] {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
                AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        var counts: [String: Int] = [:]
        for table in tables {
            let program = try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO \"\(table)\" DEFAULT VALUES")
            counts[table] = program.filter { ($0["opcode"] as String?) == "OpenEphemeral" }.count
        }
        return counts
    }

    private func ephemeralTablesPerInsert(_ path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try ephemeralTablesPerInsert(in: db) }
    }

    /// A database migrated up to, not including, schema 14, with a unit, a record and a sum in it.
    private func atSchema13() throws -> String {
        try TestDatabase.migrated("kvalitet-schema-13", before: { $0.version < 14 }, rows: """
                INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('ifo', 'IFO', 'forvaltning', 'x', 'x');
                INSERT INTO records (id, family, year, seq, status, title, title_folded, primary_date, version,
                    created_at, created_by, updated_at, body)
                VALUES ('KLG-2025-0001', 'klagomal', 2025, 1, 'inkommen', 't', 't', '2025-04-17', 1, 'x', 'x', 'x', '{}');
                INSERT INTO report_counts (metric, grain, period, units, key, n) VALUES ('m', 'y', '2025', 'ifo', '', 3);
                """).path
    }

    @Test func atSchema13InsertsBuiltTemporaryBTreesForTheirChecks() throws {
        let counts = try ephemeralTablesPerInsert(try atSchema13())
        #expect(counts["report_counts"] == 1)
        #expect(counts["avvikelse_facts"] == 3)
        #expect(counts["events"] == 1)
    }

    @Test func afterSchema14NoInsertBuildsATemporaryBTree() throws {
        let test = try TestDatabase()
        let counts = try ephemeralTablesPerInsert(test.database.path)
        #expect(counts.count > 20, "every table was looked at: \(counts.keys.sorted())")
        #expect(counts.filter { $0.value > 0 } == [:])
    }

    @Test func theRewrittenChecksStillRefuseAValueOutsideTheirList() async throws {
        let test = try TestDatabase()
        let refused = { (sql: String) async -> Bool in
            do {
                try await test.database.pool.write { db in try db.execute(sql: sql) }
                return false
            } catch let error as DatabaseError {
                return error.extendedResultCode == .SQLITE_CONSTRAINT_CHECK
            } catch { return false }
        }
        #expect(await refused("""
            INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('k', 'K', 'kommun', 'x', 'x')
            """))
        #expect(await refused("INSERT INTO report_counts (metric, grain, period, units, key, n) VALUES ('m', 'w', '2025', 'u', '', 1)"))
        #expect(!(await refused("""
            INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('k', 'K', 'verksamhet', 'x', 'x')
            """)))
        let units = try await test.database.pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM units") }
        #expect(units == ["k"])
    }

    @Test func aDatabaseAtSchema13KeepsItsRowsAndItsConnectionsReadTheNewChecks() async throws {
        let database = try KvalitetDatabase.open(
            path: try atSchema13(), migrationsPath: TestDatabase.migrations, clock: FixedClock(TestDatabase.noon),
            logger: Logger(label: "test"))
        let (rows, schema) = try await database.pool.write { db in
            (try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM units), (SELECT id FROM records), (SELECT n FROM report_counts)
                """),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'report_counts'"))
        }
        #expect(rows?[0] == 1)
        #expect(rows?[1] == "KLG-2025-0001")
        #expect(rows?[2] == 3)
        #expect(schema?.contains("(grain = 'y' OR grain = 'm' OR grain = 'd')") == true)
        // The writer ran the migration: its own copy of the schema was reloaded, not only new connections'.
        let writer = try await database.pool.writeWithoutTransaction { db in try ephemeralTablesPerInsert(in: db) }
        #expect(writer.filter { $0.value > 0 } == [:])
        #expect(try ephemeralTablesPerInsert(database.path).filter { $0.value > 0 } == [:])
        let check = try await database.integrityCheck()
        #expect(check == ["ok"])
    }
}
