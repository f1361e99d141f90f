import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The daily deadline scan in time travel: each scan is run as of a chosen Stockholm day.
@Suite("Deadline scan")
struct DeadlineScanTests {
    let admin = TestDatabase.admin
    let rules = DeadlineRules()

    /// A scan as of `day`, stamped at noon of the fixed clock.
    func scan(_ store: DeadlineStore, _ day: String) async throws -> DeadlineScanResult? {
        try await store.scan(day: LocalDate(day)!, rules: rules, at: TestDatabase.noon)
    }

    /// The deadline events written so far: kind, record, deadline and due day from the payload.
    func deadlineEvents(_ test: TestDatabase) async throws -> [String] {
        try await test.database.events().filter { $0.kind.hasPrefix("deadline.") }.map { event in
            let data = try JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any] ?? [:]
            return "\(event.kind) \(event.recordId) \(data["deadline"] ?? "") \(data["dueOn"] ?? "")"
        }
    }

    func complaint(_ test: TestDatabase, receivedOn: String) async throws -> CaseRecord<Klagomal> {
        var fields = Families.klagomal()
        fields.receivedOn = LocalDate(receivedOn)!
        return try await RecordStore<Klagomal>(test.database).create(fields, by: admin).record
    }

    @Test func anUnacknowledgedComplaintOverEasterIsAnnouncedApproachingThenPassedOnceEach() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await complaint(test, receivedOn: "2025-04-17")  // due Wednesday 23 April
        let store = DeadlineStore(test.database)
        #expect(try await scan(store, "2025-04-19")?.approaching == 0)
        #expect(try await scan(store, "2025-04-20")?.approaching == 1)
        #expect(try await scan(store, "2025-04-23") == DeadlineScanResult(
            day: LocalDate("2025-04-23")!, since: LocalDate("2025-04-20")!, approaching: 0, passed: 0))
        #expect(try await scan(store, "2025-04-24")?.passed == 1)
        #expect(try await scan(store, "2025-04-25")?.passed == 0)
        #expect(try await deadlineEvents(test) == [
            "deadline.approaching KLG-2025-0001 klagomal_bekraftelse 2025-04-23",
            "deadline.passed KLG-2025-0001 klagomal_bekraftelse 2025-04-23",
        ])
    }

    @Test func aComplaintAcknowledgedInTimeIsNeverAnnouncedAsPassed() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let created = try await complaint(test, receivedOn: "2025-04-17")
        let store = DeadlineStore(test.database)
        _ = try await scan(store, "2025-04-20")
        _ = try await RecordStore<Klagomal>(test.database).change(
            created.id, expectedVersion: 1, by: admin, action: .update
        ) { current, _ in
            var next = current
            next.fields.acknowledgedOn = LocalDate("2025-04-22")
            return next
        }
        #expect(try await scan(store, "2025-04-24")?.passed == 0)
        #expect(try await deadlineEvents(test) == ["deadline.approaching KLG-2025-0001 klagomal_bekraftelse 2025-04-23"])
    }

    @Test func aLexSarahInvestigationUnsentAtIvoIsAnnouncedWithItsUnitsStatusAndLink() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await RecordStore<LexSarah>(test.database).create(Families.lexSarah(ivo: "2025-05-10"), by: admin)
        let store = DeadlineStore(test.database)
        #expect(try await scan(store, "2025-07-06")?.approaching == 0)
        #expect(try await scan(store, "2025-07-07")?.approaching == 1)
        #expect(try await scan(store, "2025-07-11")?.passed == 1)
        let passed = try #require(try await test.database.events().last)
        #expect(passed.kind == "deadline.passed")
        #expect(passed.payload == #"{"dates":{"recordDate":"2025-03-02"},"deadline":"ivo_uppfoljning","#
            + #""dueOn":"2025-07-10","family":"lex_sarah","link":"/api/v1/lex-sarah/LXS-2025-0001","#
            + #""recordId":"LXS-2025-0001","status":"rapporterad","unitIds":["ifo-utr"]}"#)
    }

    @Test func aDecisionsAccountIsAnnouncedUntilSentAndNotAfter() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Tillsynsbeslut>(test.database)
        let fields = Tillsynsbeslut.Fields(
            unitIds: ["ifo-utr", "vuxen"], title: "IVO", authority: .ivo, caseNumber: "3.5.1-1/2025",
            decidedOn: LocalDate("2025-10-01")!, subject: .lexSarah, deficienciesFound: true,
            accountDueOn: LocalDate("2025-12-01")!)
        let first = try await store.create(fields, by: admin).record
        var sent = fields
        sent.accountSentOn = LocalDate("2025-11-20")
        _ = try await store.create(sent, by: admin)
        let scans = DeadlineStore(test.database)
        #expect(try await scan(scans, "2025-11-28")?.approaching == 1)
        _ = try await store.change(first.id, expectedVersion: 1, by: admin, action: .update) { current, _ in
            var next = current
            next.fields.accountSentOn = LocalDate("2025-12-01")
            return next
        }
        #expect(try await scan(scans, "2025-12-02")?.passed == 0)
        #expect(try await deadlineEvents(test) == ["deadline.approaching TSB-2025-0001 tillsyn_redovisning 2025-12-01"])
        #expect(try await test.database.events().last?.unitIds == ["ifo-utr", "vuxen"])
    }

    @Test func aRestartOnTheSameDayScansNothingTwiceAndTheDatabaseRefusesASecondRow() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await complaint(test, receivedOn: "2025-04-17")
        let store = DeadlineStore(test.database)
        #expect(try await scan(store, "2025-04-24")?.passed == 1)
        #expect(try await scan(store, "2025-04-24") == nil)
        #expect(try await DeadlineStore(test.database).scan(
            day: LocalDate("2025-04-24")!, rules: rules, at: TestDatabase.noon) == nil)
        #expect(try await scan(store, "2025-04-23") == nil)
        #expect(try await deadlineEvents(test).count == 1)
        await #expect(throws: DatabaseError.self) {
            try await test.database.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO deadline_scans (day, since, scanned_at, approaching, passed)
                    VALUES ('2025-04-24', NULL, 'x', 0, 0)
                    """)
            }
        }
    }

    @Test func twoMissedDaysAreCaughtUpOnceByOneScanWithOnlyThePassedEvent() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await complaint(test, receivedOn: "2025-06-19")  // due Tuesday 24 June (midsommarafton off)
        let store = DeadlineStore(test.database)
        #expect(try await scan(store, "2025-06-20")?.approaching == 0)
        // The service was down on the 21st and 22nd (the approaching days) … and the 23rd–25th.
        let caughtUp = try await scan(store, "2025-06-26")
        #expect(caughtUp == DeadlineScanResult(
            day: LocalDate("2025-06-26")!, since: LocalDate("2025-06-20")!, approaching: 0, passed: 1))
        #expect(try await deadlineEvents(test) == ["deadline.passed KLG-2025-0001 klagomal_bekraftelse 2025-06-24"])
        let days = try await test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT day FROM deadline_scans ORDER BY day")
        }
        #expect(days == ["2025-06-20", "2025-06-26"])
    }

    @Test func aVoidedComplaintIsNeverAnnounced() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let created = try await complaint(test, receivedOn: "2025-04-17")
        _ = try await RecordStore<Klagomal>(test.database).change(
            created.id, expectedVersion: 1, by: admin, action: .void
        ) { current, _ in
            var next = current
            next.voided = Voiding(on: LocalDate("2025-04-18")!, reason: "Dubblett", by: "admin")
            return next
        }
        #expect(try await scan(DeadlineStore(test.database), "2025-04-24")?.passed == 0)
        #expect(try await deadlineEvents(test).isEmpty)
    }
}
