import Foundation
import GRDB
import KvalitetDomain

/// Loading many records at once (`kvalitet demo`): every create and change goes through the same
/// domain and store rules as the API's (the workflow, the change rules, units, case numbers, rows,
/// facts, history, audit entries, the report's sums), thousands to a transaction on the writer.
/// What a load stores equals what the same creates and changes through the API store; only the
/// number of writes differs (see `BulkBatch`).
public struct BulkLoad: Sendable {
    let database: KvalitetDatabase
    let actor: Actor
    let settings: RecordSettings

    /// Loads as `actor` (the history's and audit log's author) under `settings`.
    public init(_ database: KvalitetDatabase, actor: Actor, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.actor = actor
        self.settings = settings
    }

    /// True when the database has neither units nor records.
    public func isEmpty() async throws -> Bool {
        try await database.pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT NOT EXISTS (SELECT 1 FROM units) AND NOT EXISTS (SELECT 1 FROM records)") ?? false
        }
    }

    /// Runs `body` with the writer's page cache at `mebibytes` MiB, then gives the writer its own size
    /// back (also when `body` throws). A transaction of a few thousand records dirties tens of
    /// megabytes of pages: with SQLite's default 2 MB cache they would spill to the WAL mid-transaction.
    public func withPageCache<T: Sendable>(mebibytes: Int, _ body: () async throws -> T) async throws -> T {
        let own = try await database.pool.writeWithoutTransaction { db in
            let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(-1024 * mebibytes)")
            return size
        }
        let restore = { @Sendable (db: Database) throws in try db.execute(sql: "PRAGMA cache_size = \(own)") }
        do {
            let result = try await body()
            try await database.pool.writeWithoutTransaction(restore)
            return result
        } catch {
            try? await database.pool.writeWithoutTransaction(restore)
            throw error
        }
    }

    /// One transaction on the writer: `body` creates and changes records through the batch, which
    /// writes what is still open and adds the report's sums before the commit. If `body` throws,
    /// nothing of the transaction is stored; SQLite's refusals arrive as the API's domain errors.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (BulkBatch) throws -> T) async throws -> T {
        try await StorageErrors.translate {
            try await database.pool.write { [database, actor, settings] db in
                let batch = BulkBatch(
                    db: db, actor: actor, settings: settings, clock: database.clock, tree: try UnitStore.tree(db))
                let result = try body(batch)
                try batch.finish()
                return result
            }
        }
    }
}

/// The creates and changes of one `BulkLoad` transaction, each checked and stamped as the API's.
/// A record created here and changed only here (the usual load: create, then its workflow steps)
/// is written once, when the next record is created or the transaction ends: its row, units and
/// facts in its last state, its sums from nothing to that state (the sum of every step's change),
/// and a history row and audit entry per version, in order. Any other change is written at once.
public final class BulkBatch {
    let db: Database
    let actor: Actor
    let settings: RecordSettings
    let clock: any KvalitetClock
    let tree: OrgTree
    let pending = PendingTallies()
    /// The record created last, with its versions since, not yet written.
    private var open: (any OpenRecord)?
    /// The last case number given per family and year in this transaction.
    private var sequences: [String: Int] = [:]

    init(db: Database, actor: Actor, settings: RecordSettings, clock: any KvalitetClock, tree: OrgTree) {
        self.db = db
        self.actor = actor
        self.settings = settings
        self.clock = clock
        self.tree = tree
    }

    /// A new record of valid `fields`, as `POST` creates it: checked units, the next case number of
    /// its family and year, the workflow's first status. Throws the API's `DomainError`s.
    public func create<K: StoredKind>(_ fields: K.Fields) throws -> CaseRecord<K> {
        try writeOpen()
        let record = try RecordStore<K>.fresh(fields, by: actor, at: clock.now(), tree: tree) { year in
            let key = "\(K.family.rawValue) \(year)"
            let next = try (sequences[key] ?? RecordStore<K>.lastSequence(year: year, in: db)) + 1
            sequences[key] = next
            return next
        }
        open = OpenVersions<K>(versions: [(record, .create)])
        return record
    }

    /// The next version of `record` (the version it must still have) that `transform` computes from
    /// it and today, as a PATCH (`.update`) or a transition (`.transition`) would, with every change rule.
    public func change<K: StoredKind>(
        _ record: CaseRecord<K>, action: ChangeAction,
        _ transform: (CaseRecord<K>, LocalDate) throws -> CaseRecord<K>
    ) throws -> CaseRecord<K> {
        guard var versions = open as? OpenVersions<K>, versions.last.id == record.id else {
            try writeOpen()
            return try RecordStore<K>.change(
                record.id, expectedVersion: record.version, by: actor, action: action, at: clock.now(),
                settings: settings, in: db, units: { [tree] _ in tree }, transform)
        }
        let next = try RecordStore<K>.next(
            after: versions.last, expectedVersion: record.version, by: actor, at: clock.now(), tree: tree, transform)
        versions.versions.append((next, action))
        open = versions
        return next
    }

    /// Writes the open record and adds the transaction's sums: the last step before the commit.
    func finish() throws {
        try writeOpen()
        try pending.flush(in: db)
    }

    private func writeOpen() throws {
        try open?.write(in: db, actor: actor, settings: settings, pending: pending)
        open = nil
    }
}

/// A record created in a `BulkBatch`, not yet written.
private protocol OpenRecord {
    func write(in db: Database, actor: Actor, settings: RecordSettings, pending: PendingTallies) throws
}

private struct OpenVersions<K: StoredKind>: OpenRecord {
    /// Every version since the create, oldest first, with the change that made it.
    var versions: [(record: CaseRecord<K>, action: ChangeAction)]
    var last: CaseRecord<K> { versions[versions.count - 1].record }

    func write(in db: Database, actor: Actor, settings: RecordSettings, pending: PendingTallies) throws {
        let bodies = try versions.map { try RecordCodec.encode($0.record) }
        try RecordStore<K>.writeRow(last, body: bodies[bodies.count - 1], isNew: true, in: db)
        try K.writeFacts(last, to: db, settings: settings)
        pending.add(ReportTally.delta(from: [:], to: K.reportTallies(last, settings: settings)))
        for (index, (version, body)) in zip(versions, bodies).enumerated() {
            try RecordStore<K>.writeHistory(
                version.record, previous: index == 0 ? nil : versions[index - 1].record, body: body,
                action: version.action, actor: actor, in: db)
        }
    }
}
