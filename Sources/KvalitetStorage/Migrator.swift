import Foundation
import GRDB
import Logging

/// One `migrations/NNNN_name.sql` file.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    /// `NNNN_name`, the file's name without `.sql`: the migration's row in `grdb_migrations`.
    public var identifier: String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name
    }
}

/// Why the database cannot be used with this binary; said at start-up, never later.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    case folderMissing(String)
    case badFileName(String)
    case duplicateVersion(Int)
    case gap(expected: Int, found: Int)
    case folderNewerThanBinary(folder: Int, binary: Int)
    case folderOlderThanBinary(folder: Int, binary: Int)
    case databaseNewerThanBinary(database: Int, binary: Int)
    case unknownMigration(String)

    public var description: String {
        switch self {
        case .folderMissing(let path): "migrations folder not found: \(path) (set --migrations or KVALITET_MIGRATIONS)"
        case .badFileName(let name): "migration file name must be NNNN_name.sql: \(name)"
        case .duplicateVersion(let version): "two migration files have version \(version)"
        case .gap(let expected, let found):
            "migrations must be numbered without gaps: expected \(expected), found \(found)"
        case .folderNewerThanBinary(let folder, let binary):
            "the migrations folder goes to version \(folder) but this binary knows only up to \(binary): use the "
                + "matching binary"
        case .folderOlderThanBinary(let folder, let binary):
            "the migrations folder goes only to version \(folder) but this binary needs \(binary): use the matching "
                + "migrations folder"
        case .databaseNewerThanBinary(let database, let binary):
            "the database is at schema version \(database), newer than this "
                + "binary's \(binary): refusing to start; use a newer binary"
        case .unknownMigration(let identifier):
            "the database has migration \(identifier), which this binary's migrations folder does not: "
                + "use the binary and migrations folder the database was migrated with"
        }
    }
}

/// The migrations folder as files, checked against the schema version this binary was built for.
public enum Migrations {
    /// The schema version this build of the stores is written against.
    public static let binaryVersion = 14

    public static func load(from folder: String) throws -> [Migration] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationError.folderMissing(folder)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        var migrations: [Migration] = []
        for name in names {
            let stem = name.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), stem.distance(from: stem.startIndex, to: underscore) == 4,
                let version = Int(stem[..<underscore])
            else { throw MigrationError.badFileName(name) }
            if migrations.contains(where: { $0.version == version }) { throw MigrationError.duplicateVersion(version) }
            let sql = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            migrations.append(
                Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError.gap(expected: index + 1, found: migration.version)
        }
        let folderVersion = migrations.last?.version ?? 0
        if folderVersion > binaryVersion {
            throw MigrationError.folderNewerThanBinary(folder: folderVersion, binary: binaryVersion)
        }
        if folderVersion < binaryVersion {
            throw MigrationError.folderOlderThanBinary(folder: folderVersion, binary: binaryVersion)
        }
        return migrations
    }
}

/// Applies pending migrations with GRDB's `DatabaseMigrator`: each file in its own transaction together
/// with its row in `grdb_migrations` (identifier `NNNN_name`, the file's name without `.sql`).
///
/// Databases of schema 1–6 kept their bookkeeping in `schema_migrations` (version, name, applied_at);
/// that table is adopted once, in one transaction, into `grdb_migrations` and then dropped.
struct Migrator {
    let migrations: [Migration]
    let logger: Logger

    func migrate(_ pool: DatabasePool) throws {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            // Foreign keys stay on while a file runs, as they always have for these files.
            migrator.registerMigration(migration.identifier, foreignKeyChecks: .immediate) { db in
                // A migration may take minutes on a large database: say which one runs, then how long it took.
                let about: Logger.Metadata = ["version": "\(migration.version)", "name": "\(migration.name)"]
                logger.notice("applying migration", metadata: about)
                let start = ContinuousClock.now
                try db.execute(sql: migration.sql)
                let elapsed = (ContinuousClock.now - start).components
                let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
                logger.notice("applied migration", metadata: about.merging(["durationMs": "\(milliseconds)"]) { $1 })
            }
        }
        try pool.write { db in
            try adoptLegacyBookkeeping(db)
            try refuseUnknown(try migrator.appliedIdentifiers(db))
        }
        try migrator.migrate(pool)
    }

    /// The schema version this binary's migrations reach.
    private var binaryVersion: Int { migrations.last?.version ?? 0 }

    /// Moves the bookkeeping of a database migrated before `DatabaseMigrator` into `grdb_migrations`.
    private func adoptLegacyBookkeeping(_ db: Database) throws {
        guard try db.tableExists("schema_migrations"), try !db.tableExists("grdb_migrations") else { return }
        let applied = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_migrations") ?? 0
        if applied > binaryVersion {
            throw MigrationError.databaseNewerThanBinary(database: applied, binary: binaryVersion)
        }
        try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for migration in migrations where migration.version <= applied {
            try db.execute(
                sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
        }
        try db.execute(sql: "DROP TABLE schema_migrations")
        logger.notice("migration bookkeeping adopted into grdb_migrations", metadata: ["version": "\(applied)"])
    }

    /// Refuses a database with migrations this binary does not have: newer ones, or others of the same number.
    private func refuseUnknown(_ applied: Set<String>) throws {
        let known = Set(migrations.map(\.identifier))
        let unknown = applied.subtracting(known).sorted()
        guard let last = unknown.last else { return }
        let newest = unknown.compactMap { Int($0.prefix(4)) }.max() ?? 0
        if newest > binaryVersion {
            throw MigrationError.databaseNewerThanBinary(database: newest, binary: binaryVersion)
        }
        throw MigrationError.unknownMigration(last)
    }
}
