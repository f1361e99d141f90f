import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

@Suite("Online backup")
struct BackupTests {
    @Test func aBackupTakenUnderWriteLoadIsConsistentAndOpensAsAWorkingDatabase() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let target = test.folder + "/backup/kopia.sqlite"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<40 {
                        _ = try await store.create(TestDatabase.avvikelse(title: "Skrivare \(writer) nr \(index)"), by: TestDatabase.admin)
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(20))
                try await test.database.backup(to: target)
            }
            try await group.waitForAll()
        }
        let copy = try KvalitetDatabase.open(path: target, migrationsPath: TestDatabase.migrations,
                                             clock: FixedClock(TestDatabase.noon), logger: Logger(label: "test"))
        #expect(try await copy.integrityCheck() == ["ok"])
        // Consistent: every record in the copy has its create version and its audit entry, and nothing more.
        let counts = try await copy.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record_versions")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'create'")!)
        }
        #expect(counts.0 == counts.1 && counts.1 == counts.2)
        let restored = RecordStore<Avvikelse>(copy)
        let next = try await restored.create(TestDatabase.avvikelse(), by: TestDatabase.admin)
        #expect(next.record.id.sequence == counts.0 + 1)
    }

    @Test func aBackupNeverOverwritesAFile() async throws {
        let test = try TestDatabase()
        let target = test.folder + "/finns.sqlite"
        FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
        await #expect(throws: DomainError.self) { try await test.database.backup(to: target) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }
}
