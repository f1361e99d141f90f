import Foundation
import GRDB
import KvalitetDemo
import KvalitetDomain
import Testing

@testable import KvalitetStorage

/// Gallring: what retention rules make due, removing it in batches, and the figures that stay.
@Suite("Gallring")
struct GallringTests {
    let admin = TestDatabase.admin

    private func rule(
        _ id: String, _ family: RecordFamily, unit: String? = nil, years: Int, basis: GallringBasis = .closed,
        earkiv: Bool = false
    ) -> Gallringsregel {
        Gallringsregel(
            id: id, family: family, unitId: unit, years: years, basis: basis, decision: "Dnr SN 2025/112",
            earkivRequired: earkiv)
    }

    /// An avvikelse received 2025-03-02 at ifo-utr, closed 2025-06-10.
    private func closedAvvikelse(_ test: TestDatabase) async throws -> CaseRecord<Avvikelse> {
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(), by: admin).record
        var current = record
        for status in [AvvikelseStatus.underUtredning, .avslutad] {
            current = try await store.change(record.id, expectedVersion: nil, by: admin, action: .transition) {
                current, today in
                var fields = current.fields
                fields.closedOn = status == .avslutad ? LocalDate("2025-06-10") : nil
                fields.rootCauses = status == .avslutad ? [.rutinEjFoljd] : []
                return try Avvikelse.transition(current, to: status, with: fields, today: today)
            }
        }
        return current
    }

    private func count(_ sql: String, _ test: TestDatabase, _ arguments: StatementArguments = []) async throws -> Int {
        try await test.database.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    @Test func theReportOfEveryYearShowsTheSameFiguresAfterAGallringRemovedItsRecords() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.2)
        let rules = GallringsregelStore(test.database)
        for family in RecordFamily.allCases {
            _ = try await rules.put(rule(family.rawValue.replacingOccurrences(of: "_", with: "-"), family, years: 0),
                                    by: admin)
        }
        let reports = ReportStore(test.database)
        let years = 2022...2026
        var before: [Kvalitetsberattelse] = []
        for year in years { before.append(try await reports.generate(ReportRequest(year: year, unitId: nil), by: admin).report) }
        let records = try await count("SELECT COUNT(*) FROM records", test)
        let result = try await GallringStore(test.database).run(
            decision: "Dnr SN 2026/7", asOf: LocalDate("2030-01-01")!, withoutEarkiv: nil, batchSize: 50, by: admin)
        #expect(result.removed > 100)
        #expect(result.batches == (result.removed + 49) / 50)
        #expect(try await count("SELECT COUNT(*) FROM records", test) == records - result.removed)
        #expect(try await count("SELECT COUNT(*) FROM gallrade_records", test) == result.removed)
        var after: [Kvalitetsberattelse] = []
        for year in years { after.append(try await reports.generate(ReportRequest(year: year, unitId: nil), by: admin).report) }
        #expect(after == before)
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aClosedRecordIsDueOnlyFromTheFirstOfJanuaryAfterItsYearsAfterTheYearItClosed() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await closedAvvikelse(test)
        _ = try await GallringsregelStore(test.database).put(rule("avvikelser", .avvikelse, years: 2), by: admin)
        let gallring = GallringStore(test.database)
        #expect(try await gallring.plan(asOf: LocalDate("2027-12-31")!).isEmpty)
        let plan = try await gallring.plan(asOf: LocalDate("2028-01-01")!)
        #expect(plan == [GallringPlanLine(family: .avvikelse, units: "ifo-utr", year: 2025, ruleId: "avvikelser",
                                          due: 1, undelivered: 0)])
    }

    @Test func anOpenRecordIsNeverRemovedWhateverItsRuleCountsFrom() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: admin)
        _ = try await GallringsregelStore(test.database).put(
            rule("avvikelser", .avvikelse, years: 0, basis: .received), by: admin)
        let result = try await GallringStore(test.database).run(
            decision: "Dnr 1", asOf: LocalDate("2040-01-01")!, withoutEarkiv: nil, by: admin)
        #expect(result.removed == 0)
        #expect(try await count("SELECT COUNT(*) FROM records", test) == 1)
    }

    @Test func aRecordAnOpenTillsynsbeslutNamesIsKeptUntilTheDecisionIsClosed() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let record = try await closedAvvikelse(test)
        let tillsyn = RecordStore<Tillsynsbeslut>(test.database)
        let decision = try await tillsyn.create(
            Tillsynsbeslut.Fields(
                unitIds: ["ifo"], title: "Tillsyn av utredningar", description: "Gäller bland annat \(record.id).",
                authority: .ivo, caseNumber: "IVO 3.5.1-1234/2025", decidedOn: LocalDate("2025-09-01")!,
                subject: .tillsynMyndighetsutovning, deficienciesFound: true),
            by: admin
        ).record
        _ = try await GallringsregelStore(test.database).put(rule("avvikelser", .avvikelse, years: 0), by: admin)
        let gallring = GallringStore(test.database)
        #expect(try await gallring.plan(asOf: LocalDate("2030-01-01")!).isEmpty)
        _ = try await tillsyn.change(decision.id, expectedVersion: nil, by: admin, action: .transition) {
            current, today in try Tillsynsbeslut.transition(current, to: .avslutat, with: current.fields, today: today)
        }
        #expect(try await gallring.plan(asOf: LocalDate("2030-01-01")!).map(\.due) == [1])
    }

    @Test func aRunRefusesRecordsTheirRuleSendsToTheEarkivUntilDeliveredOrGivenAReason() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let record = try await closedAvvikelse(test)
        _ = try await GallringsregelStore(test.database).put(
            rule("avvikelser", .avvikelse, years: 0, earkiv: true), by: admin)
        let gallring = GallringStore(test.database)
        #expect(try await gallring.plan(asOf: LocalDate("2030-01-01")!).map(\.undelivered) == [1])
        await #expect(throws: DomainError.self) {
            try await gallring.run(decision: "Dnr 1", asOf: LocalDate("2030-01-01")!, withoutEarkiv: nil, by: admin)
        }
        #expect(try await count("SELECT COUNT(*) FROM records", test) == 1)
        let result = try await gallring.run(
            decision: "Dnr 1", asOf: LocalDate("2030-01-01")!, withoutEarkiv: "Nämndens beslut 2029-12-01 § 4",
            by: admin)
        #expect(result.removed == 1)
        let ledger = try await test.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM gallrade_records WHERE id = ?", arguments: [record.id.description])
        }
        #expect(ledger?["without_earkiv"] == "Nämndens beslut 2029-12-01 § 4")
        #expect(ledger?["decision"] == "Dnr 1")
    }

    @Test func aRecordInADeliveredPackageMadeAfterItsLastChangeMayBeRemoved() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let record = try await closedAvvikelse(test)
        _ = try await GallringsregelStore(test.database).put(
            rule("avvikelser", .avvikelse, years: 0, earkiv: true), by: admin)
        try await test.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO earkiv_leveranser (package_id, made_at, made_by, year, families, records, mets_sha256)
                VALUES ('p1', '2026-01-15T12:00:00.000Z', 'admin', 2025, 'avvikelse', 1, ?)
                """, arguments: [String(repeating: "a", count: 64)])
            try db.execute(sql: "INSERT INTO earkiv_leverans_records (package_id, record_id, version) VALUES ('p1', ?, ?)",
                           arguments: [record.id.description, record.version])
        }
        let result = try await GallringStore(test.database).run(
            decision: "Dnr 1", asOf: LocalDate("2030-01-01")!, withoutEarkiv: nil, by: admin)
        #expect(result.removed == 1)
    }
}
