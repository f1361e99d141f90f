import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import TestSupport

/// A fresh, migrated database in its own temporary folder (removed when the test process exits, see
/// `TestFolders`), with a clock fixed on 2026-01-15.
struct TestDatabase {
    static let migrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations").path
    static let noon = Date(timeIntervalSince1970: 1_768_478_400)  // 2026-01-15T12:00:00Z

    let folder: String
    let database: KvalitetDatabase

    init(clock: any KvalitetClock = FixedClock(TestDatabase.noon)) throws {
        folder = try Self.temporaryFolder("kvalitet-test")
        database = try KvalitetDatabase.open(path: folder + "/kvalitet.sqlite", migrationsPath: TestDatabase.migrations,
                                             clock: clock, logger: Logger(label: "test"))
    }

    /// A new empty folder that the test process removes when it exits.
    static func temporaryFolder(_ name: String) throws -> String {
        try TestFolders.make(name)
    }

    /// A database file (in a new folder named `name`) migrated by the migrations `before(_:)` picks,
    /// with their rows in `grdb_migrations` as the migrator writes them, then `rows` (SQL) run in it:
    /// an older database for a migration's test to open with this binary.
    static func migrated(
        _ name: String, before: (Migration) -> Bool, rows: String
    ) throws -> (path: String, migrations: Int) {
        let path = try temporaryFolder(name) + "/kvalitet.sqlite"
        let earlier = try Migrations.load(from: migrations).prefix(while: before)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in earlier {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.identifier])
            }
            try db.execute(sql: rows)
        }
        try queue.close()
        return (path, earlier.count)
    }

    static let admin = Actor(tokenName: "admin", role: .admin, unitScope: nil)

    /// ifo (Barn och unga) ⊃ ifo-utr ⊃ ifo-utr-s1; vuxen (Vuxna) ⊃ vuxen-boende.
    func seedUnits() async throws {
        let units = UnitStore(database)
        try await units.put(OrgUnit(id: "ifo", name: "IFO", level: .forvaltning, parentId: nil, area: "Barn och unga"), by: Self.admin)
        try await units.put(OrgUnit(id: "ifo-utr", name: "Utredning", level: .avdelning, parentId: "ifo", area: nil), by: Self.admin)
        try await units.put(OrgUnit(id: "ifo-utr-s1", name: "Sektion 1", level: .sektion, parentId: "ifo-utr", area: nil), by: Self.admin)
        try await units.put(OrgUnit(id: "vuxen", name: "Vuxen", level: .avdelning, parentId: nil, area: "Vuxna"), by: Self.admin)
        try await units.put(OrgUnit(id: "vuxen-boende", name: "Boende", level: .sektion, parentId: "vuxen", area: nil,
                                    openedOn: LocalDate("2024-01-01"), closedOn: LocalDate("2025-06-30")), by: Self.admin)
    }

    static func avvikelse(unit: String = "ifo-utr", on date: String = "2025-03-02", title: String = "Journal saknades") -> Avvikelse.Fields {
        Avvikelse.Fields(unitId: unit, title: title, receivedOn: LocalDate(date)!, category: .dokumentation)
    }
}
