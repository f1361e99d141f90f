import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

@Suite("Opening and migrating the database")
struct MigrationTests {
    @Test func aFreshDatabaseIsMigratedToTheBinarysSchemaVersionWithGRDBsBookkeeping() async throws {
        let test = try TestDatabase()
        let (applied, legacy) = try await test.database.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
             try db.tableExists("schema_migrations"))
        }
        #expect(applied == (try Migrations.load(from: TestDatabase.migrations).map(\.identifier)))
        #expect(applied.last?.hasPrefix(String(format: "%04d_", Migrations.binaryVersion)) == true)
        #expect(!legacy)
    }

    @Test func everyConnectionWritesWithSynchronousFullInWalMode() async throws {
        let test = try TestDatabase()
        #expect(try await test.database.synchronousMode() == 2)
        // The writer is the connection whose COMMIT must reach the disk; readers never commit anything.
        let writer = try await test.database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        let reader = try await test.database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(writer == 2)
        #expect(reader == 2)
        #expect(try await test.database.journalMode() == "wal")
        let foreignKeys = try await test.database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }

    @Test func theFamilyFactTablesKeepNoIndexBeyondTheirKeysSinceTheReportReadsRunningSums() async throws {
        let test = try TestDatabase()
        let indexes = try await test.database.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'
                AND (tbl_name LIKE '%_facts' OR tbl_name IN ('record_root_causes', 'riskanalys_risks'))
                """)
        }
        // Every write paid for these and no query read them (schema 5); a new one needs a reader.
        #expect(indexes == [])
    }

    @Test func openingTwiceAppliesNothingTheSecondTime() async throws {
        let test = try TestDatabase()
        let again = try KvalitetDatabase.open(path: test.database.path, migrationsPath: TestDatabase.migrations,
                                              clock: SystemClock(), logger: Logger(label: "test"))
        let rows = try await again.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") }
        #expect(rows == Migrations.binaryVersion)
    }

    @Test func aDatabaseNewerThanTheBinaryIsRefused() async throws {
        let test = try TestDatabase()
        try await test.database.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('0999_future')")
        }
        #expect(throws: MigrationError.databaseNewerThanBinary(database: 999, binary: Migrations.binaryVersion)) {
            try KvalitetDatabase.open(path: test.database.path, migrationsPath: TestDatabase.migrations,
                                      clock: SystemClock(), logger: Logger(label: "test"))
        }
    }

    @Test func aMissingMigrationsFolderIsNamedInTheError() {
        #expect(throws: MigrationError.folderMissing("/nonexistent/migrations")) {
            try Migrations.load(from: "/nonexistent/migrations")
        }
    }

    @Test func aGapInMigrationNumbersIsRefused() throws {
        let folder = try TestDatabase.temporaryFolder("kvalitet-migrations")
        try "SELECT 1;".write(toFile: folder + "/0001_a.sql", atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: folder + "/0003_c.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.gap(expected: 2, found: 3)) { try Migrations.load(from: folder) }
    }

    @Test func theSchemaRefusesToDeleteRecordsOrRewriteHistoryAndAudit() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let record = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: TestDatabase.admin).record
        for sql in ["DELETE FROM records", "DELETE FROM record_versions", "UPDATE record_versions SET action = 'update'",
                    "DELETE FROM audit_log", "UPDATE audit_log SET token_name = 'someone-else'"] {
            await #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try await test.database.pool.write { db in try db.execute(sql: sql) }
            }
        }
        let stillThere = try await RecordStore<Avvikelse>(test.database).read(record.id, by: TestDatabase.admin)
        #expect(stillThere.id == record.id)
    }

    @Test func theSchemaChecksCodesAndDateOrderItself() async throws {
        let test = try TestDatabase()
        await #expect(throws: DatabaseError.self) {
            try await test.database.pool.write { db in
                try db.execute(sql: "INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('Bad Id', 'x', 'sektion', 'x', 'x')")
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await test.database.pool.write { db in
                try db.execute(sql: "INSERT INTO units (id, name, level, created_at, updated_at) VALUES ('ok', 'x', 'kontor', 'x', 'x')")
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await test.database.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO units (id, name, level, opened_on, closed_on, created_at, updated_at)
                    VALUES ('ok', 'x', 'sektion', '2025-02-01', '2025-01-01', 'x', 'x')
                    """)
            }
        }
    }
}
