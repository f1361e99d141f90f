import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// Holds the writer busy so that the jobs queued meanwhile run as one batch, in the order queued.
struct HeldWriter {
    let database: KvalitetDatabase
    let gate = DispatchSemaphore(value: 0)
    let holder: Task<Void, any Error>

    init(_ database: KvalitetDatabase) async {
        self.database = database
        let (started, signal) = AsyncStream<Void>.makeStream()
        let gate = gate
        holder = Task {
            try await database.pool.writeWithoutTransaction { _ in
                signal.yield()
                gate.wait()
            }
        }
        for await _ in started { break }
    }

    /// Starts `operation` and returns once its job is queued behind the held writer.
    func queue<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> Task<T, any Error> {
        let before = database.writes.waiting
        let task = Task { try await operation() }
        var polls = 0
        while database.writes.waiting == before {
            polls += 1
            try #require(polls < 10_000, "the operation never queued a job")
            try await Task.sleep(for: .milliseconds(1))
        }
        return task
    }

    func release() async throws {
        gate.signal()
        try await holder.value
    }
}

struct Marker: Error, Equatable {}

@Suite("Group commit")
struct WriteQueueTests {
    let admin = TestDatabase.admin

    static let noUnitNy = DomainError.invalid([FieldProblem("/unitId", .unknownUnit(unitId: "ny"))])

    static func mark(_ db: Database, _ name: String) throws {
        try AuditLog.append(db, at: "2026-01-15T12:00:00Z", actor: Actor(tokenName: name, role: .admin, unitScope: nil),
                            action: .read, recordId: nil)
    }

    static func marks(_ database: KvalitetDatabase) async throws -> [String] {
        try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT token_name FROM audit_log WHERE token_name LIKE 'job-%' ORDER BY id")
        }
    }

    @Test func concurrentCreatesAreCommittedTogetherInFewerTransactionsThanRequests() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let before = test.database.writeStatistics
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<40 {
                group.addTask { [admin] in try await store.create(TestDatabase.avvikelse(), by: admin).record.id.description }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let after = test.database.writeStatistics
        #expect(Set(ids).count == 40)
        #expect(after.jobs - before.jobs == 40)
        #expect(after.batches - before.batches < 40)
        #expect(after.failedBatches == 0)
    }

    @Test func jobsQueuedWhileTheWriterIsBusyShareOneTransaction() async throws {
        let test = try TestDatabase()
        let held = await HeldWriter(test.database)
        let before = test.database.writeStatistics
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<10 {
            tasks.append(try await held.queue { try await test.database.write { db in try Self.mark(db, "job-\(index)") } })
        }
        try await held.release()
        for task in tasks { try await task.value }
        #expect(test.database.writeStatistics.batches - before.batches == 1)
        #expect(test.database.writeStatistics.jobs - before.jobs == 10)
        #expect(try await Self.marks(test.database) == (0..<10).map { "job-\($0)" })
    }

    @Test func aFailingJobInABatchRollsBackOnlyItsOwnRowsAndTheOthersCommit() async throws {
        let test = try TestDatabase()
        let held = await HeldWriter(test.database)
        let before = test.database.writeStatistics
        let first = try await held.queue { try await test.database.write { db in try Self.mark(db, "job-a"); return 1 } }
        let failing = try await held.queue {
            try await test.database.write { db -> Int in
                try Self.mark(db, "job-b")
                throw Marker()
            }
        }
        let last = try await held.queue { try await test.database.write { db in try Self.mark(db, "job-c"); return 3 } }
        try await held.release()
        #expect(try await first.value == 1)
        await #expect(throws: Marker()) { try await failing.value }
        #expect(try await last.value == 3)
        #expect(try await Self.marks(test.database) == ["job-a", "job-c"])
        #expect(test.database.writeStatistics.batches - before.batches == 1)
        #expect(test.database.writeStatistics.jobs - before.jobs == 2)
    }

    @Test func aCallerIsAnsweredOnlyAfterItsBatchCommitted() async throws {
        let test = try TestDatabase()
        let held = await HeldWriter(test.database)
        // A job that succeeds, queued with one whose deferred foreign key makes the COMMIT fail.
        let innocent = try await held.queue { try await test.database.write { db in try Self.mark(db, "job-innocent") } }
        let poison = try await held.queue {
            try await test.database.write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                try db.execute(sql: "INSERT INTO record_units (record_id, unit_id) VALUES ('AVV-1999-0001', 'nowhere')")
            }
        }
        try await held.release()
        for task in [innocent, poison] {
            await #expect { try await task.value } throws: { error in
                (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
            }
        }
        #expect(try await Self.marks(test.database).isEmpty)
        #expect(try await test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record_units") } == 0)
        #expect(test.database.writeStatistics.failedBatches == 1)
        // The queue goes on: the next job commits in a batch of its own.
        try await test.database.write { db in try Self.mark(db, "job-after") }
        #expect(try await Self.marks(test.database) == ["job-after"])
    }

    @Test func theWriterKeepsEachJobsSavepointJournalInMemory() async throws {
        let test = try TestDatabase()
        let store = try await test.database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") }
        #expect(store == 2)  // MEMORY
    }

    @Test func aUnitWriteWhoseBatchFailsToCommitIsNeverInTheCachedTree() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let units = UnitStore(test.database)
        _ = try await store.create(TestDatabase.avvikelse(), by: admin)  // the tree is cached now
        let held = await HeldWriter(test.database)
        let put = try await held.queue { [admin] in
            try await units.put(OrgUnit(id: "ny", name: "Ny", level: .sektion, parentId: "ifo", area: nil), by: admin)
        }
        // A create after the put, in the same transaction, sees the new unit and loads the tree.
        let create = try await held.queue { [admin] in try await store.create(TestDatabase.avvikelse(unit: "ny"), by: admin) }
        let poison = try await held.queue {
            try await test.database.write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                try db.execute(sql: "INSERT INTO record_units (record_id, unit_id) VALUES ('AVV-1999-0001', 'nowhere')")
            }
        }
        try await held.release()
        await #expect(throws: (any Error).self) { try await put.value }
        await #expect(throws: (any Error).self) { try await create.value }
        await #expect(throws: (any Error).self) { try await poison.value }
        #expect(try await units.tree().units["ny"] == nil)
        await #expect(throws: Self.noUnitNy) { try await store.create(TestDatabase.avvikelse(unit: "ny"), by: admin) }
    }

    @Test func aCommittedUnitIsInTheTreeTheNextWriteChecksAgainst() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        _ = try await store.create(TestDatabase.avvikelse(), by: admin)  // the tree is cached now
        await #expect(throws: Self.noUnitNy) { try await store.create(TestDatabase.avvikelse(unit: "ny"), by: admin) }
        try await UnitStore(test.database).put(OrgUnit(id: "ny", name: "Ny", level: .sektion, parentId: "ifo", area: nil), by: admin)
        let record = try await store.create(TestDatabase.avvikelse(unit: "ny"), by: admin).record
        #expect(record.fields.unitId == "ny")
        try await UnitStore(test.database).put(OrgUnit(id: "ny", name: "Ny", level: .sektion, parentId: "ifo", area: nil,
                                                       closedOn: LocalDate("2025-01-01")), by: admin)
        await #expect(throws: DomainError.invalid([FieldProblem("/unitId", .unitNotOpen(unitId: "ny", date: "2025-03-02"))])) {
            try await store.create(TestDatabase.avvikelse(unit: "ny"), by: admin)
        }
    }

    @Test func anAuditedReadWritesExactlyOneAuditEntryAndNoneForARecordItMayNotSee() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(unit: "ifo-utr"), by: admin).record
        let outsider = Actor(tokenName: "vuxen-staff", role: .kvalitet, unitScope: ["vuxen"])
        await #expect(throws: DomainError.self) { try await store.read(record.id, by: outsider) }
        await #expect(throws: DomainError.self) { try await store.history(record.id, by: outsider) }
        _ = try await store.list(RecordQuery(), by: outsider, auditAs: .export)
        #expect(try await AuditLog(test.database).entries(AuditQuery(tokenName: "vuxen-staff")).isEmpty)
        let staff = Actor(tokenName: "ifo-staff", role: .kvalitet, unitScope: ["ifo"])
        _ = try await store.read(record.id, by: staff)
        let entries = try await AuditLog(test.database).entries(AuditQuery(tokenName: "ifo-staff"))
        #expect(entries.map(\.action) == ["read"])
        #expect(entries.first?.recordId == record.id.description)
    }
}
