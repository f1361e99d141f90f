import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The transactional outbox: every change someone may act on writes its events with itself.
@Suite("Events written with the change")
struct EventOutboxTests {
    let admin = TestDatabase.admin

    @Test func aCreatedRecordWritesOneRecordCreatedEventWithIdsUnitsDatesAndLink() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let record = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: admin).record
        let events = try await test.database.events()
        #expect(events.map(\.kind) == ["record.created"])
        let event = try #require(events.first)
        #expect(event.recordId == record.id.description)
        #expect(event.unitIds == ["ifo-utr"])
        #expect(event.id.hasPrefix("msg_") && event.id.count == 36)
        #expect(event.occurredAt == "2026-01-15T12:00:00.000Z")
        #expect(event.payload == #"{"dates":{"recordDate":"2025-03-02"},"family":"avvikelse","#
            + #""link":"/api/v1/avvikelser/AVV-2025-0001","recordId":"AVV-2025-0001","status":"inkommen","unitIds":["ifo-utr"]}"#)
    }

    @Test func aStatusChangeWritesStatusChangedWithThePreviousStatusAndAnEditWritesNothing() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Klagomal>(test.database)
        let created = try await store.create(Families.klagomal(), by: admin).record
        let edited = try await store.change(created.id, expectedVersion: 1, by: admin, action: .update) { current, _ in
            var next = current
            next.fields.acknowledgedOn = LocalDate("2025-03-03")
            return next
        }
        _ = try await store.change(created.id, expectedVersion: edited.version, by: admin, action: .transition) { c, _ in
            var next = c
            next.status = .underUtredning
            return next
        }
        let events = try await test.database.events()
        #expect(events.map(\.kind) == ["record.created", "record.status_changed"])
        let data = try JSONSerialization.jsonObject(with: Data((events.last?.payload ?? "").utf8)) as? [String: Any]
        #expect(data?["previousStatus"] as? String == "inkommen" && data?["status"] as? String == "under_utredning")
    }

    @Test func aLexSarahReportAnnouncesItsReceiptAndOnceItsSeriousAssessment() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<LexSarah>(test.database)
        let created = try await store.create(Families.lexSarah(), by: admin).record
        var version = created.version
        for assessment in [LexSarahAssessment.allvarligtMissforhallande, .patagligRiskForAllvarligtMissforhallande] {
            version = try await store.change(created.id, expectedVersion: version, by: admin, action: .update) { c, _ in
                var next = c
                next.fields.investigation = .init(assessment: assessment)
                return next
            }.version
        }
        let kinds = try await test.database.events().map(\.kind)
        #expect(kinds == ["record.created", "lex_sarah.received", "lex_sarah.anmalan_due"])
    }

    struct Refused: Error {}

    @Test func aChangeThatIsRolledBackLeavesNoEvent() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let admin = admin
        // The record and its event are written, then the job fails: its savepoint takes both back.
        await #expect(throws: Refused.self) {
            try await test.database.write { db in
                _ = try RecordStore<Avvikelse>.create(
                    TestDatabase.avvikelse(), by: admin, idempotency: nil, at: TestDatabase.noon,
                    settings: RecordSettings(), in: db)
                throw Refused()
            }
        }
        _ = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: admin)
        #expect(try await test.database.events().map(\.recordId) == ["AVV-2025-0001"])
    }
}
