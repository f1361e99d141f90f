import Foundation
import GRDB
import KvalitetDomain
import Logging

/// The opened, migrated SQLite database and the clock every store stamps its writes with.
public final class KvalitetDatabase: Sendable {
    public let pool: DatabasePool
    public let clock: any KvalitetClock
    public let path: String
    /// Records as decoded from `records.body`, per id and version (lists and reads skip the JSON decoding).
    let decodedRecords = VersionCache<any Sendable>(capacity: 8192)
    let units: UnitTreeCache
    let writes: WriteQueue
    /// The token and data-generation lookups, on their own connection (see `LookupConnection`).
    let lookups: LookupConnection

    /// Opens (creating the file and its folder), then applies pending migrations from `migrationsPath`.
    public static func open(
        path: String, migrationsPath: String, clock: any KvalitetClock, logger: Logger
    ) throws -> KvalitetDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let migrations = try Migrations.load(from: migrationsPath)
        let database = try KvalitetDatabase(path: path, clock: clock)
        try Migrator(migrations: migrations, logger: logger).migrate(database.pool)
        return database
    }

    init(path: String, clock: any KvalitetClock) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A 201 must survive a power cut, so FULL on every connection.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool switches its writer to WAL *after* prepareDatabase and sets synchronous=NORMAL
        // there (GRDB's setUpWALMode), so the writer — the only connection that commits — has to be
        // set again; otherwise a COMMIT is not fsynced and a power cut can lose an acknowledged write.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Each write-queue job runs in a savepoint, whose journal keeps the original of every page
            // the job changes. By default that journal spills to a temporary file past 64 KiB and, once
            // spilled, is written for every later job of the transaction (under create load that was
            // most of the writer's I/O). In memory it is emptied at each RELEASE: one job's pages at most.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let units = UnitTreeCache()
        self.units = units
        // After the pool: the file exists and is in WAL mode, which a read-only connection cannot set.
        self.lookups = try LookupConnection(path: path)
        self.pool = pool
        self.clock = clock
        self.path = path
        self.writes = WriteQueue(pool: pool) { committed in units.transactionEnded(committed: committed) }
    }

    /// Runs `job` in a write transaction shared with the other jobs queued meanwhile (group commit,
    /// see `WriteQueue`), inside its own savepoint: if it throws, only its changes are rolled back
    /// and the error is rethrown here. Returns only once the transaction has committed (durable
    /// under `synchronous=FULL`). Every request-path write goes through here, not `pool.write`.
    /// A full file system (SQLITE_FULL) is thrown as `StorageFullError`: nothing of the job was stored.
    public func write<T: Sendable>(_ job: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writes.submit(job)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StorageSpace.refused(error)
        }
    }

    /// How many transactions and jobs the write queue has committed since this database was opened.
    public var writeStatistics: WriteStatistics { writes.statistics }

    /// The organisation tree, committed (or, on the writer, as the current transaction has it),
    /// from a cache kept across requests. Use it instead of `UnitStore.tree(db)` in a `pool.read`
    /// or `database.write` closure: `let tree = try database.unitTree(in: db)`.
    public func unitTree(in db: Database) throws -> OrgTree {
        try units.tree(in: db)
    }

    /// A single-row lookup (token, data generation) on the lookup connection, on the calling thread;
    /// when SQLite is busy there, on a pool reader, waiting as long as any read would.
    func lookup<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try lookups.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            return try await pool.read(body)
        }
    }

    /// Fills the organisation tree's cache from the writer (readers never fill it: their snapshot may
    /// be older), so that reports served before the first write do not each load every unit.
    public func warmUnitTree() throws {
        _ = try pool.writeWithoutTransaction { db in try units.tree(in: db) }
    }

    /// Every write of a unit calls this, inside its job and before it changes a row, so the cached
    /// tree is never one the database has not committed.
    func unitsChanged() {
        units.unitsChanged()
    }

    /// `PRAGMA synchronous` as the writer, which commits every change, sees it (2 = FULL); tests read it back.
    public func synchronousMode() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// True when the database answers a query: what `/health` reports.
    public func isHealthy() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    public func integrityCheck() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    var now: Date { clock.now() }
    var nowText: String { Timestamp.format(clock.now()) }
}

extension KvalitetDatabase {
    /// An online, consistent copy of the whole database at `destination`, taken while the service
    /// keeps writing (SQLite's backup API from one read transaction's snapshot). The copy is written
    /// beside the destination, checked with `integrity_check`, and only then renamed into place.
    public func backup(to destination: String) async throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw DomainError.conflict(rule: "\(destination) already exists; a backup never overwrites a file")
        }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let copy = try DatabaseQueue(path: partial)
        try pool.backup(to: copy)
        let check = try await copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        try copy.close()
        guard check == ["ok"] else {
            try? FileManager.default.removeItem(atPath: partial)
            throw DomainError.conflict(
                rule: "the backup copy failed its integrity check: \(check.joined(separator: "; "))")
        }
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
    }
}
