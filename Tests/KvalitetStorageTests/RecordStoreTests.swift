import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

@Suite("The record store")
struct RecordStoreTests {
    let admin = TestDatabase.admin

    @Test func caseNumbersAreSequentialPerYearOfThePrimaryDate() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let a = try await store.create(TestDatabase.avvikelse(on: "2024-12-31"), by: admin).record
        let b = try await store.create(TestDatabase.avvikelse(on: "2025-01-01"), by: admin).record
        let c = try await store.create(TestDatabase.avvikelse(on: "2025-06-01"), by: admin).record
        #expect([a.id, b.id, c.id].map(\.description) == ["AVV-2024-0001", "AVV-2025-0001", "AVV-2025-0002"])
    }

    @Test func aVoidedRecordKeepsItsNumberAndTheNextOneIsNew() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let first = try await store.create(TestDatabase.avvikelse(), by: admin).record
        _ = try await store.change(first.id, expectedVersion: 1, by: admin, action: .void) { current, today in
            var next = current
            next.voided = Voiding(on: today, reason: "dubblett", by: "admin")
            return next
        }
        let second = try await store.create(TestDatabase.avvikelse(), by: admin).record
        #expect(second.id.sequence == 2)
        let listed = try await store.list(RecordQuery(), by: admin).items.map(\.id)
        #expect(listed == [second.id])
        let all = try await store.list(RecordQuery(includeVoided: true), by: admin).items.map(\.id)
        #expect(all == [second.id, first.id])
    }

    @Test func aStaleVersionChangesNothing() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(), by: admin).record
        await #expect(throws: DomainError.staleVersion(current: 1)) {
            try await store.change(record.id, expectedVersion: 7, by: admin, action: .update) { current, _ in
                var next = current
                next.fields.title = "Changed"
                return next
            }
        }
        let stored = try await store.read(record.id, by: admin)
        #expect(stored.fields.title == "Journal saknades")
        #expect(stored.version == 1)
    }

    @Test func everyChangeIsAVersionInHistoryWithItsAuthor() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(), by: admin).record
        let other = Actor(tokenName: "anna", role: .kvalitet, unitScope: nil, requestId: "req-1")
        _ = try await store.change(record.id, expectedVersion: 1, by: other, action: .transition) { current, _ in
            var next = current
            next.status = .underUtredning
            return next
        }
        let history = try await store.history(record.id, by: admin)
        #expect(history.map(\.record.version) == [1, 2])
        #expect(history.map(\.action) == [.create, .transition])
        #expect(history.map(\.changedBy) == ["admin", "anna"])
        #expect(history[1].requestId == "req-1")
        #expect(history[0].record.status == .inkommen)
    }

    @Test func writesAndDetailReadsAreAudited() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(), by: admin).record
        _ = try await store.read(record.id, by: admin)
        _ = try await store.history(record.id, by: admin)
        let entries = try await AuditLog(test.database).entries(AuditQuery(recordId: record.id.description))
        #expect(entries.map(\.action) == ["history", "read", "create"])
    }

    @Test func aListIsNotAuditedButAnExportWithTextIsPerRecord() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        _ = try await store.create(TestDatabase.avvikelse(), by: admin)
        _ = try await store.create(TestDatabase.avvikelse(), by: admin)
        _ = try await store.list(RecordQuery(), by: admin)
        #expect(try await AuditLog(test.database).entries(AuditQuery()).filter { $0.action == "export" }.isEmpty)
        _ = try await store.list(RecordQuery(), by: admin, auditAs: .export)
        #expect(try await AuditLog(test.database).entries(AuditQuery()).filter { $0.action == "export" }.count == 2)
    }

    @Test func theSameIdempotencyKeyAndBodyReturnTheOriginalRecord() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let key = IdempotencyKey(key: "form-42", body: Array("{}".utf8))
        let first = try await store.create(TestDatabase.avvikelse(), by: admin, idempotency: key)
        let again = try await store.create(TestDatabase.avvikelse(), by: admin, idempotency: key)
        #expect(!first.isReplayed && again.isReplayed)
        #expect(again.record == first.record)
        #expect(try await store.list(RecordQuery(), by: admin).items.count == 1)
    }

    @Test func theSameIdempotencyKeyWithAnotherBodyIsRefusedAsReused() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        _ = try await store.create(TestDatabase.avvikelse(), by: admin, idempotency: IdempotencyKey(key: "k", body: [1]))
        await #expect(throws: IdempotencyKeyReused(key: "k")) {
            try await store.create(TestDatabase.avvikelse(), by: admin, idempotency: IdempotencyKey(key: "k", body: [2]))
        }
        #expect(try await store.list(RecordQuery(), by: admin).items.count == 1)
    }

    @Test func aUnitMustExistAndBeOpenOnThePrimaryDate() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        await #expect(throws: DomainError.invalid([FieldProblem("/unitId", .unknownUnit(unitId: "nowhere"))])) {
            try await store.create(TestDatabase.avvikelse(unit: "nowhere"), by: admin)
        }
        await #expect(throws: DomainError.invalid([FieldProblem("/unitId", .unitNotOpen(unitId: "vuxen-boende", date: "2025-07-01"))])) {
            try await store.create(TestDatabase.avvikelse(unit: "vuxen-boende", on: "2025-07-01"), by: admin)
        }
        let inside = try await store.create(TestDatabase.avvikelse(unit: "vuxen-boende", on: "2025-06-30"), by: admin)
        #expect(inside.record.id.description == "AVV-2025-0001")
    }

    @Test func aScopedActorSeesOnlyItsSubtreeAndOutsideIsNotFound() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let deep = try await store.create(TestDatabase.avvikelse(unit: "ifo-utr-s1"), by: admin).record
        let outside = try await store.create(TestDatabase.avvikelse(unit: "vuxen"), by: admin).record
        let scoped = Actor(tokenName: "ifo-staff", role: .kvalitet, unitScope: ["ifo"])
        #expect(try await store.list(RecordQuery(), by: scoped).items.map(\.id) == [deep.id])
        #expect(try await store.read(deep.id, by: scoped).id == deep.id)
        await #expect(throws: DomainError.notFound("no AVV record \(outside.id)")) { try await store.read(outside.id, by: scoped) }
        await #expect(throws: DomainError.invalid([FieldProblem("/unitId", .unknownUnit(unitId: "vuxen"))])) {
            try await store.create(TestDatabase.avvikelse(unit: "vuxen"), by: scoped)
        }
    }

    @Test func aRapportorSeesOnlyWhatItCreated() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let form = Actor(tokenName: "form", role: .rapportor, unitScope: nil)
        let mine = try await store.create(TestDatabase.avvikelse(), by: form).record
        let theirs = try await store.create(TestDatabase.avvikelse(), by: admin).record
        #expect(try await store.read(mine.id, by: form).id == mine.id)
        await #expect(throws: DomainError.self) { try await store.read(theirs.id, by: form) }
    }

    @Test func listsFilterByStatusDatesSubtreeCategoryAndTitleAndPageByCursor() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        for (index, date) in ["2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10", "2025-05-10"].enumerated() {
            var fields = TestDatabase.avvikelse(unit: index % 2 == 0 ? "ifo-utr-s1" : "vuxen", on: date, title: "Händelse \(index) Åtgärd")
            if index == 4 { fields.category = .sekretess }
            _ = try await store.create(fields, by: admin)
        }
        #expect(try await store.list(RecordQuery(unitId: "ifo"), by: admin).items.count == 3)
        #expect(try await store.list(RecordQuery(from: LocalDate("2025-02-01"), to: LocalDate("2025-03-31")), by: admin).items.count == 2)
        #expect(try await store.list(RecordQuery(category: "sekretess"), by: admin).items.count == 1)
        #expect(try await store.list(RecordQuery(status: "avslutad"), by: admin).items.isEmpty)
        #expect(try await store.list(RecordQuery(text: "ÅTGÄRD"), by: admin).items.count == 5)
        #expect(try await store.list(RecordQuery(text: "100%"), by: admin).items.isEmpty)
        let first = try await store.list(RecordQuery(limit: 2), by: admin)
        #expect(first.items.map(\.id.sequence) == [5, 4])
        let second = try await store.list(RecordQuery(after: first.next, limit: 2), by: admin)
        #expect(second.items.map(\.id.sequence) == [3, 2])
        let last = try await store.list(RecordQuery(after: second.next, limit: 2), by: admin)
        #expect(last.items.map(\.id.sequence) == [1])
        #expect(last.next == nil)
    }
}

extension CreateOutcome {
    var isReplayed: Bool { if case .replayed = self { true } else { false } }
}
