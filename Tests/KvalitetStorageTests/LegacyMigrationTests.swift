import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

/// A database migrated before GRDB's `DatabaseMigrator` kept the bookkeeping in `schema_migrations`.
/// `Tests/Fixtures/schema6-before-database-migrator.sql` is the `sqlite3 .dump` of a database made by that
/// binary (main at 35df523: `kvalitet migrate`, `token create --name vardagen --role kvalitet`, a unit `ifo`
/// and the avvikelse AVV-2025-0001 posted to `serve`); kept as SQL text because database files stay out of
/// git. Each test loads its own copy.
@Suite("Upgrading a database migrated before DatabaseMigrator")
struct LegacyMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema6-before-database-migrator.sql").path
    /// The secret `token create` printed for `vardagen`.
    static let vardagen = "kv_2g9pIAepw6sfD04etUVZiGgxuQOX7MQKjg89SvcVjd8"

    /// A copy of the fixture, loaded from its dump into a database in a folder of its own.
    private func copy() throws -> String {
        let folder = try TestDatabase.temporaryFolder("kvalitet-legacy")
        let path = folder + "/kvalitet.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try db.execute(sql: String(contentsOfFile: Self.fixture, encoding: .utf8)) }
        try queue.close()
        return path
    }

    private func open(_ path: String) throws -> KvalitetDatabase {
        try KvalitetDatabase.open(path: path, migrationsPath: TestDatabase.migrations,
                                  clock: FixedClock(TestDatabase.noon), logger: Logger(label: "test"))
    }

    /// Writes to the copy directly, as an older or newer binary would have.
    private func execute(_ sql: String, on path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func itsBookkeepingIsAdoptedIntoGRDBsOnceAndItsDataStays() async throws {
        let path = try copy()
        let database = try open(path)
        let (applied, legacy) = try await database.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
             try db.tableExists("schema_migrations"))
        }
        #expect(applied == (try Migrations.load(from: TestDatabase.migrations).map(\.identifier)))
        #expect(!legacy)
        let actor = try await TokenStore(database).authenticate(Self.vardagen)
        #expect(actor == .valid(Actor(tokenName: "vardagen", role: .kvalitet, unitScope: nil)))
        let id = CaseNumber(family: .avvikelse, year: 2025, sequence: 1)
        let record = try await RecordStore<Avvikelse>(database).read(id, by: TestDatabase.admin)
        #expect(record.fields.title == "Journalanteckning saknades")
        // The upgrade asks for the sums to be rebuilt (statistik's month and day sums), as the server does at start.
        let built = try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT built FROM report_counts_state") }
        #expect(built == 0)
        try database.buildReportCountsIfNeeded(settings: RecordSettings(), logger: Logger(label: "test"))
        #expect(try database.reportCountsMatchRecords(settings: RecordSettings()))
        let monthly = try await database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report_counts WHERE metric = 'avv.received' AND grain = 'm'")
        }
        #expect(monthly == 1, "a received avvikelse now has its month sum")
        let again = try open(path)
        #expect(try await again.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") }
                == applied.count)
    }

    @Test func aLegacyDatabaseNewerThanTheBinaryIsRefusedAndLeftAsItWas() async throws {
        let path = try copy()
        try execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')", on: path)
        #expect(throws: MigrationError.databaseNewerThanBinary(database: 999, binary: Migrations.binaryVersion)) {
            try open(path)
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let untouched = try await queue.read { db in
            try db.tableExists("schema_migrations") && !db.tableExists("grdb_migrations")
        }
        #expect(untouched)
    }

    @Test func aDatabaseWithAMigrationThisBinaryDoesNotHaveIsRefused() async throws {
        let path = try copy()
        _ = try open(path)
        try execute("INSERT INTO grdb_migrations (identifier) VALUES ('0002_a_branch_of_its_own')", on: path)
        #expect(throws: MigrationError.unknownMigration("0002_a_branch_of_its_own")) { try open(path) }
    }
}
