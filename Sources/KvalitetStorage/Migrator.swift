import Foundation
import GRDB
import Logging

/// One `migrations/NNNN_name.sql` file.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
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

    public var description: String {
        switch self {
        case .folderMissing(let path): "migrations folder not found: \(path) (set --migrations or KVALITET_MIGRATIONS)"
        case .badFileName(let name): "migration file name must be NNNN_name.sql: \(name)"
        case .duplicateVersion(let version): "two migration files have version \(version)"
        case .gap(let expected, let found): "migrations must be numbered without gaps: expected \(expected), found \(found)"
        case .folderNewerThanBinary(let folder, let binary):
            "the migrations folder goes to version \(folder) but this binary knows only up to \(binary): use the matching binary"
        case .folderOlderThanBinary(let folder, let binary):
            "the migrations folder goes only to version \(folder) but this binary needs \(binary): use the matching migrations folder"
        case .databaseNewerThanBinary(let database, let binary):
            "the database is at schema version \(database), newer than this binary's \(binary): refusing to start; use a newer binary"
        }
    }
}

/// The migrations folder as files, checked against the schema version this binary was built for.
public enum Migrations {
    /// The schema version this build of the stores is written against.
    public static let binaryVersion = 7

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
                  let version = Int(stem[..<underscore]) else { throw MigrationError.badFileName(name) }
            if migrations.contains(where: { $0.version == version }) { throw MigrationError.duplicateVersion(version) }
            let sql = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError.gap(expected: index + 1, found: migration.version)
        }
        let folderVersion = migrations.last?.version ?? 0
        if folderVersion > binaryVersion { throw MigrationError.folderNewerThanBinary(folder: folderVersion, binary: binaryVersion) }
        if folderVersion < binaryVersion { throw MigrationError.folderOlderThanBinary(folder: folderVersion, binary: binaryVersion) }
        return migrations
    }
}

/// Applies pending migrations, each in its own transaction together with its bookkeeping row.
struct Migrator {
    let migrations: [Migration]
    let logger: Logger

    func migrate(_ pool: DatabasePool) throws {
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """)
        }
        let applied = try pool.read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_migrations") } ?? 0
        let binary = migrations.last?.version ?? 0
        if applied > binary { throw MigrationError.databaseNewerThanBinary(database: applied, binary: binary) }
        for migration in migrations where migration.version > applied {
            try pool.write { db in
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                    arguments: [migration.version, migration.name])
            }
            logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
        }
    }
}
