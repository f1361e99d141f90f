import Foundation
import GRDB
import KvalitetDomain

/// Loading many records at once (`kvalitet demo`): every create and change goes through the same
/// domain and store rules as the API's (the workflow, the change rules, units, case numbers, rows,
/// facts, history, audit entries, the report's sums), thousands to a transaction on the writer.
/// What a load stores equals what the same creates and changes through the API store; only the
/// number of writes differs (see `BulkBatch`). A batch is prepared without the database (the domain
/// rules, the JSON, the events and the sums) and then written by the writer, so a pipeline of
/// batches keeps two cores busy: one prepares the next batch while the writer writes the last.
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

    /// One transaction: `body` creates and changes records through the batch, then the writer
    /// writes them and the batch's sums. If `body` or the writer throws, nothing of the transaction
    /// is stored; SQLite's refusals arrive as the API's domain errors.
    public func transaction<T>(_ body: (BulkBatch) throws -> T) async throws -> T {
        let batch = try await start()
        let result = try body(batch)
        try await write(try batch.finish())
        return result
    }

    /// Batch after batch, each its own transaction, until `isDone(cursor)`: `fill` adds one batch's
    /// creates and changes and moves the cursor on; while the writer writes a batch, `fill` prepares
    /// the next. `committed` gets the cursor as it was after each batch, once that batch has
    /// committed. When `fill` or a write throws, the batches before it stay committed (each told to
    /// `committed`) and the error is thrown once the writer is done.
    public func pipeline<Cursor>(
        from start: Cursor, until isDone: (Cursor) -> Bool, fill: (inout Cursor, BulkBatch) throws -> Void,
        committed: (Cursor) -> Void
    ) async throws -> Cursor {
        var cursor = start
        guard !isDone(cursor) else { return cursor }
        let batch = try await self.start()
        try fill(&cursor, batch)
        var prepared = try batch.finish()
        while true {
            let writing = Task { [self, prepared] in try await write(prepared) }
            let written = cursor
            var next: PreparedBatch?
            do {
                if !isDone(cursor) {
                    try fill(&cursor, batch)
                    next = try batch.finish()
                }
            } catch {
                if case .success = await writing.result { committed(written) }
                throw error
            }
            try await writing.value
            committed(written)
            guard let next else { return cursor }
            prepared = next
        }
    }

    /// A batch that knows the organisation and the last case number of every family and year, as
    /// they are now: a load numbers on from them without reading them again, so a record another
    /// writer (a running server) numbers meanwhile makes the load's next write fail as a conflict
    /// (`UNIQUE (family, year, seq)`), with the batches before it committed and nothing invented.
    private func start() async throws -> BulkBatch {
        let (tree, numbers) = try await database.pool.read { db in
            (try UnitStore.tree(db), try Self.lastCaseNumbers(in: db))
        }
        return BulkBatch(actor: actor, settings: settings, clock: database.clock, tree: tree, lastNumbers: numbers)
    }

    /// The highest case number per family and year (keyed `"family year"`), of records and of records
    /// removed by gallring: a case number is never given twice.
    static func lastCaseNumbers(in db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT family, year, MAX(seq) AS seq FROM (SELECT family, year, seq FROM records
                    UNION ALL SELECT family, year, seq FROM gallrade_records) GROUP BY family, year
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (BulkBatch.numberKey(row["family"], row["year"]), row["seq"] as Int)
        })
    }

    /// Writes a prepared batch in one transaction on the writer: its records in the order they were
    /// made, then its sums.
    func write(_ batch: PreparedBatch) async throws {
        try await StorageErrors.translate {
            try await database.pool.write { [settings] db in
                for record in batch.records { try record.write(in: db, settings: settings) }
                try batch.sums.write(in: db)
            }
        }
    }
}
