import Foundation
import GRDB
import KvalitetDemo
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The report's running sums are kept in the transaction of every write and always equal a recount.
@Suite("The report's running sums")
struct ReportCountsTests {
    let admin = TestDatabase.admin

    private func sumRows(_ test: TestDatabase) async throws -> [Row] {
        try await test.database.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM report_counts ORDER BY metric, grain, period, units, key") }
    }

    @Test func theSumsEqualARecountAfterAFullDemoOfEveryFamilyAndItsWorkflows() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.2)
        #expect(try await sumRows(test).count > 100)
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    /// Takes an avvikelse through its investigation to closed on 2025-06-10 with one root cause.
    private func closeOnJune10(_ record: CaseRecord<Avvikelse>, in store: RecordStore<Avvikelse>) async throws {
        for status in [AvvikelseStatus.underUtredning, .avslutad] {
            _ = try await store.change(record.id, expectedVersion: nil, by: admin, action: .transition) { current, today in
                var fields = current.fields
                fields.closedOn = status == .avslutad ? LocalDate("2025-06-10") : nil
                fields.rootCauses = status == .avslutad ? [.rutinEjFoljd] : []
                return try Avvikelse.transition(current, to: status, with: fields, today: today)
            }
        }
    }

    private func totalRows(_ test: TestDatabase) async throws -> [Row] {
        try await test.database.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM report_totals ORDER BY metric, grain, period, key") }
    }

    @Test func theOrganisationsTotalsAreTheUnitsSumsAddedUpForEveryMetricThatHasThem() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.2)
        let (totals, added): ([Row], [Row]) = try await test.database.pool.read { db in
            let added = try Row.fetchAll(db, sql: """
                SELECT metric, grain, period, key, SUM(n) AS n FROM report_counts
                WHERE metric IN (\(ReportMetric.allCases.filter(\.hasTotals).map { "'\($0.rawValue)'" }.joined(separator: ",")))
                GROUP BY metric, grain, period, key ORDER BY metric, grain, period, key
                """)
            return (try Row.fetchAll(db, sql: "SELECT * FROM report_totals ORDER BY metric, grain, period, key"), added)
        }
        #expect(totals.count > 100)
        #expect(totals == added)
        #expect(!totals.contains { ["avv.received", "avv.closed", "kl.received"].contains($0["metric"] as String) })
    }

    @Test func movingARecordToAnotherUnitLeavesTheOrganisationsTotalsAsTheyWere() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(unit: "ifo-utr", on: "2025-03-02"), by: admin).record
        try await closeOnJune10(record, in: store)
        let before = try await totalRows(test)
        _ = try await store.change(record.id, expectedVersion: nil, by: admin, action: .update) { current, _ in
            var next = current
            next.fields.unitId = "ifo-utr-s1"
            return next
        }
        #expect(before.map { $0["metric"] as String }.sorted() == ["avv.closed.cause", "avv.closed.cause", "avv.closed.cause", "avv.days"])
        #expect(try await totalRows(test) == before)
        #expect(Set(try await sumRows(test).map { $0["units"] as String }) == ["ifo-utr-s1"])
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aTotalThatDiffersFromTheRecordsIsFoundByTheCheck() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.05)
        try await test.database.pool.write { db in try db.execute(sql: "UPDATE report_totals SET n = n + 1 WHERE metric = 'ls.reported'") }
        #expect(try !test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func voidingARecordTakesItsTalliesOutOfTheSums() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let kept = try await store.create(TestDatabase.avvikelse(), by: admin).record
        let voided = try await store.create(TestDatabase.avvikelse(on: "2025-04-02"), by: admin).record
        _ = try await store.change(voided.id, expectedVersion: 1, by: admin, action: .void) { current, today in
            var next = current
            next.voided = Voiding(on: today, reason: "Dubblett", by: "admin")
            return next
        }
        let rows = try await sumRows(test)
        // Received is charted by month (statistik): kept by year, month and day.
        #expect(rows.map { $0["period"] as String }.sorted() == ["2025", "2025-03", "2025-03-02"])
        #expect(rows.allSatisfy { ($0["n"] as Int) == 1 && ($0["metric"] as String) == "avv.received" })
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
        _ = kept
    }

    @Test func movingARecordToAnotherDateAndUnitMovesItsSums() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(unit: "ifo-utr", on: "2025-03-02"), by: admin).record
        _ = try await store.change(record.id, expectedVersion: 1, by: admin, action: .update) { current, _ in
            var next = current
            next.fields.unitId = "ifo-utr-s1"
            next.fields.receivedOn = LocalDate("2025-03-09")!
            return next
        }
        let rows = try await sumRows(test)
        #expect(Set(rows.map { $0["units"] as String }) == ["ifo-utr-s1"])
        #expect(rows.map { $0["period"] as String }.sorted() == ["2025", "2025-03", "2025-03-09"])
    }

    @Test func closingMovesTheAnalysisSumsToTheClosingDayMonthAndYear() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Avvikelse>(test.database)
        let record = try await store.create(TestDatabase.avvikelse(on: "2025-03-02"), by: admin).record
        try await closeOnJune10(record, in: store)
        let closed = try await sumRows(test).filter { ($0["metric"] as String) == "avv.closed" }.map { $0["period"] as String }
        #expect(closed.sorted() == ["2025", "2025-06", "2025-06-10"])
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aRangeNeedingMonthsOfAYearOnlyMetricIsRefused() async throws {
        let test = try TestDatabase()
        await #expect(throws: DomainError.self) {
            try await test.database.pool.read { db in
                try ReportCounts.sums(.avvikelseHandlingDays, over: ReportRange(from: LocalDate("2025-02-01")!, to: LocalDate("2025-03-31")!), in: db)
            }
        }
    }

    @Test func aDatabaseUpgradedWithRecordsGetsItsSumsBuiltOnceAtStartUp() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.1)
        let built = try await sumRows(test), totals = try await totalRows(test)
        // What a database that had records before schema 4 (or 6, for the totals) looks like after migrating.
        try await test.database.pool.write { db in
            try db.execute(sql: "DELETE FROM report_counts")
            try db.execute(sql: "DELETE FROM report_totals")
            try db.execute(sql: "UPDATE report_counts_state SET built = 0")
        }
        try test.database.buildReportCountsIfNeeded(settings: RecordSettings(), logger: .init(label: "test"))
        #expect(try await sumRows(test) == built)
        #expect(try await totalRows(test) == totals)
        #expect(try await test.database.pool.read { db in try ReportCounts.isBuilt(db) })
    }

    /// Takes back what migration 7 (people in the audit log, token expiry, receipts) added.
    static func undoMigration7(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE receipts; DROP INDEX audit_by_person;
            ALTER TABLE audit_log DROP COLUMN person_subject; ALTER TABLE audit_log DROP COLUMN person_name;
            ALTER TABLE audit_log DROP COLUMN client; ALTER TABLE audit_log DROP COLUMN client_address;
            ALTER TABLE tokens DROP COLUMN expires_at; ALTER TABLE tokens DROP COLUMN last_used_at;
            DELETE FROM grdb_migrations WHERE identifier = '0007_identity';
            """)
    }

    @Test func aSchema5DatabaseIsUpgradedToTotalsAndPerCaseSupervisionSumsByMigration6() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(scale: 0.1)
        let counts = try await sumRows(test), totals = try await totalRows(test)
        // What schema 5 left: no totals, supervision summed per decision and case, the sums marked built.
        try await test.database.pool.write { db in
            try db.execute(sql: "DROP TABLE report_totals")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0006_report_totals'")
            try Self.undoMigration7(db)
            try db.execute(sql: "DELETE FROM report_counts WHERE metric LIKE 'ts.case%'")
            try db.execute(sql: "INSERT INTO report_counts (metric, grain, period, units, key, n) VALUES ('ts.decision', 'y', '2025', 'ifo', 'ivo|1|3.5.1-1/2025', 1)")
        }
        let upgraded = try KvalitetDatabase.open(path: test.database.path, migrationsPath: TestDatabase.migrations,
                                                 clock: test.database.clock, logger: .init(label: "test"))
        #expect(try await upgraded.pool.read { db in try ReportCounts.isBuilt(db) } == false)
        try upgraded.buildReportCountsIfNeeded(settings: RecordSettings(), logger: .init(label: "test"))
        #expect(try await sumRows(test) == counts)
        #expect(try await totalRows(test) == totals)
        #expect(try await sumRows(test).contains { ($0["metric"] as String) == "ts.case" })
        #expect(try upgraded.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aSumThatDiffersFromTheRecordsIsFoundByTheCheckWhichChangesNothing() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: admin)
        try await test.database.pool.write { db in try db.execute(sql: "UPDATE report_counts SET n = 2 WHERE grain = 'y'") }
        #expect(try !test.database.reportCountsMatchRecords(settings: RecordSettings()))
        #expect(try await sumRows(test).first { ($0["grain"] as String) == "y" }?["n"] == 2)
    }

    @Test func newRiskThresholdsRecountTheHighRisks() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Riskanalys>(test.database)
        var fields = Families.riskanalys(risks: [(2, 4), (1, 3), (4, 4)])
        fields.performedOn = LocalDate("2025-09-10")
        let created = try await store.create(fields, by: admin).record
        for status in [RiskanalysStatus.pagaende, .genomford] {
            _ = try await store.change(created.id, expectedVersion: nil, by: admin, action: .transition) { current, today in
                try Riskanalys.transition(current, to: status, with: current.fields, today: today)
            }
        }
        let high = { try await test.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT n FROM report_counts WHERE metric = 'ra.high' AND grain = 'y'")
        } }
        #expect(try await high() == 2)
        let stricter = RecordSettings(riskLevels: RiskLevels(lagMax: 2, mattligMax: 8, hogMax: 12)!)
        #expect(try RecordStore<Riskanalys>(test.database, settings: stricter).relevelRisks() == 2)
        #expect(try await high() == 1)
        #expect(try test.database.reportCountsMatchRecords(settings: stricter))
    }
}
