import Foundation
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// Decoded records and list JSON are kept per record version, bounded, and never outlive their version.
@Suite("The per-version cache")
struct VersionCacheTests {
    @Test func theCacheNeverHoldsMoreThanItsCapacity() {
        let cache = VersionCache<Int>(capacity: 10)
        for number in 0..<1000 { cache.store(number, for: .init(id: "AVV-2025-\(number)", version: 1)) }
        #expect(cache.count <= 10)
        #expect(cache.value(for: .init(id: "AVV-2025-999", version: 1)) == 999)
        #expect(cache.value(for: .init(id: "AVV-2025-0", version: 1)) == nil)
    }

    @Test func anEntryInUseSurvivesTheTurnover() {
        let cache = VersionCache<Int>(capacity: 4)
        let hot = VersionCache<Int>.Key(id: "AVV-2025-1", version: 1)
        cache.store(1, for: hot)
        for number in 2...9 {
            #expect(cache.value(for: hot) == 1)
            cache.store(number, for: .init(id: "AVV-2025-\(number)", version: 1))
        }
        #expect(cache.value(for: hot) == 1)
    }

    @Test func anotherVersionOrDayIsAnotherEntry() {
        let cache = VersionCache<String>(capacity: 8)
        cache.store("v1", for: .init(id: "AVV-2025-1", version: 1, variant: "2026-01-15"))
        #expect(cache.value(for: .init(id: "AVV-2025-1", version: 2, variant: "2026-01-15")) == nil)
        #expect(cache.value(for: .init(id: "AVV-2025-1", version: 1, variant: "2026-01-16")) == nil)
    }

    @Test func aListedRecordShowsItsNewVersionAfterAChange() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(title: "Före"), by: TestDatabase.admin).record
        #expect(try await store.list(RecordQuery(), by: TestDatabase.admin).items.map(\.fields.title) == ["Före"])
        _ = try await store.change(record.id, expectedVersion: 1, by: TestDatabase.admin, action: .update) { current, _ in
            var next = current
            next.fields.title = "Efter"
            return next
        }
        #expect(try await store.list(RecordQuery(), by: TestDatabase.admin).items.map(\.fields.title) == ["Efter"])
        #expect(test.database.decodedRecords.count == 2)
    }
}
