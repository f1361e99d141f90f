import Foundation
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The store takes a change the domain computed and the version it was computed from; it compares
/// that version inside its transaction.
@Suite("Saving a computed change")
struct StoreSaveTests {
    let admin = TestDatabase.admin

    @Test func aChangeComputedFromAnOlderVersionIsRefusedAndNothingIsWritten() async throws {
        let test = try TestDatabase()
        defer { try? FileManager.default.removeItem(atPath: test.folder) }
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let created = try await store.create(TestDatabase.avvikelse(), by: admin).record
        let current = try await store.current(created.id, by: admin, expectedVersion: 1)
        var first = current, second = current
        first.fields.title = "Först"
        second.fields.title = "Sedan"
        _ = try await store.save(first, basedOn: 1, by: admin, action: .update)
        await #expect(throws: DomainError.staleVersion(current: 2)) {
            try await store.save(second, basedOn: 1, by: admin, action: .update)
        }
        #expect(try await store.read(created.id, by: admin).fields.title == "Först")
    }

    @Test func theCurrentVersionIsRefusedForAChangeWhenVoidedOrNotTheExpectedOne() async throws {
        let test = try TestDatabase()
        defer { try? FileManager.default.removeItem(atPath: test.folder) }
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let created = try await store.create(TestDatabase.avvikelse(), by: admin).record
        await #expect(throws: DomainError.staleVersion(current: 1)) {
            try await store.current(created.id, by: admin, expectedVersion: 3)
        }
        _ = try await store.void(created.id, expectedVersion: 1, reason: "Dubblett", by: admin)
        await #expect(throws: DomainError.self) {
            try await store.current(created.id, by: admin, expectedVersion: nil)
        }
    }
}
