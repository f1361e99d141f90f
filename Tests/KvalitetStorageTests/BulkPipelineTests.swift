import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// A bulk load prepares a batch without the database and writes it afterwards, and a pipeline
/// prepares the next batch while the writer writes the last: what reaches the database must be
/// checked as the API checks it, and a failure must leave only whole, earlier batches.
@Suite("The bulk load's pipeline")
struct BulkPipelineTests {
    static let admin = TestDatabase.admin

    static func count(_ table: String, in database: KvalitetDatabase) async throws -> Int {
        try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test func aChangeOfARecordAnEarlierTransactionWroteIsCheckedAgainstItsStoredVersion() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let bulk = BulkLoad(test.database, actor: Self.admin)
        let created: CaseRecord<Avvikelse> = try await bulk.transaction { try $0.create(TestDatabase.avvikelse()) }
        let changed = try await bulk.transaction { batch in
            try batch.change(created, action: .transition, BulkLoadTests.transition(to: .underUtredning))
        }
        #expect(changed.version == 2)

        // The first version again: stale now, so neither the change nor the create before it is stored.
        await #expect(throws: DomainError.staleVersion(current: 2)) {
            try await bulk.transaction { batch in
                let _: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse(unit: "vuxen", on: "2024-11-30"))
                _ = try batch.change(created, action: .update, BulkLoadTests.edit { $0.title = "Ändrad" })
            }
        }
        #expect(try await Self.count("records", in: test.database) == 1)
        #expect(try await Self.count("record_versions", in: test.database) == 2)
        let stored = try await RecordStore<Avvikelse>(test.database).read(created.id, by: Self.admin)
        #expect(stored == changed)
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aBatchTheCallerCannotFillLeavesTheBatchesBeforeItCommittedAndNothingOfItself() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        var committed: [Int] = []
        await #expect(throws: DomainError.self) {
            _ = try await BulkLoad(test.database, actor: Self.admin).pipeline(
                from: 0, until: { $0 >= 5 },
                fill: { batchNumber, batch in
                    for _ in 0..<2 {
                        let record: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse())
                        if batchNumber == 3 {
                            // Straight to avslutad: not a step the workflow allows.
                            _ = try batch.change(record, action: .transition, BulkLoadTests.transition(to: .avslutad))
                        }
                    }
                    batchNumber += 1
                },
                committed: { committed.append($0) })
        }
        // Batches 0, 1 and 2 were written (the third while the fourth was being filled); nothing of the fourth.
        #expect(committed == [1, 2, 3])
        #expect(try await Self.count("records", in: test.database) == 6)
        #expect(try await Self.count("record_versions", in: test.database) == 6)
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func casesNumbersRunOnFromBatchToBatchAndFromWhatTheDatabaseHeld() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: Self.admin)
        var numbers: [String] = []
        let last = try await BulkLoad(test.database, actor: Self.admin).pipeline(
            from: 0, until: { $0 >= 3 },
            fill: { batchNumber, batch in
                for _ in 0..<2 {
                    let record: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse())
                    numbers.append(record.id.description)
                }
                batchNumber += 1
            },
            committed: { _ in })
        #expect(last == 3)
        #expect(numbers == (2...7).map { "AVV-2025-\(String(format: "%04d", $0))" })
        let stored = try await test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM records ORDER BY seq")
        }
        #expect(stored == ["AVV-2025-0001"] + numbers)
    }
}
