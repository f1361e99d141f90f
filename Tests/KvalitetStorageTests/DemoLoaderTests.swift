import Foundation
import GRDB
import KvalitetDemo
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The demo loader writes many records per transaction through the stores' in-transaction create
/// and change: what it leaves must hold everything a database built through the API holds.
@Suite("The demo loader")
struct DemoLoaderTests {
    @Test func aBulkLoadHasTheMixAndEveryRecordItsNumberHistoryAuditAndFacts() async throws {
        let test = try TestDatabase()
        let summary = try await DemoLoader(test.database).load(years: 1, scale: 1, batchSize: 100)
        let plan = DemoPlan(today: SwedishTime.today(test.database.clock), years: 1, scale: 1)
        #expect(summary.units == 13)
        #expect(summary.records == plan.records)
        try await test.database.pool.read { db in
            // The planned count of every family in every year, so the mix is the plan's (about 320:69:28:18:14:6).
            for item in plan.items {
                let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE family = ? AND year = ?",
                                              arguments: [item.family.rawValue, item.year])
                #expect(stored == item.count, "\(item.family) \(item.year)")
            }
            let share = Double(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE family = 'avvikelse'") ?? 0) / Double(plan.records)
            #expect(abs(share - 320.0 / 455) < 0.01)

            // Case numbers run 1…n per family and year, no gaps, no repeats.
            let gaps = try Row.fetchAll(db, sql: """
                SELECT family, year FROM records GROUP BY family, year HAVING MIN(seq) <> 1 OR MAX(seq) <> COUNT(*) OR COUNT(DISTINCT seq) <> COUNT(*)
                """)
            #expect(gaps.isEmpty)

            // Versions 1…version, the last one the stored body; one audit entry per version, the first a create.
            let history = try Row.fetchAll(db, sql: """
                SELECT r.id FROM records r
                WHERE (SELECT COUNT(*) FROM record_versions v WHERE v.record_id = r.id) <> r.version
                   OR (SELECT MIN(version) FROM record_versions v WHERE v.record_id = r.id) <> 1
                   OR (SELECT MAX(version) FROM record_versions v WHERE v.record_id = r.id) <> r.version
                   OR (SELECT snapshot FROM record_versions v WHERE v.record_id = r.id AND v.version = r.version) <> r.body
                   OR (SELECT COUNT(*) FROM audit_log a WHERE a.record_id = r.id AND a.action IN ('create', 'update', 'transition')) <> r.version
                   OR (SELECT action FROM audit_log a WHERE a.record_id = r.id ORDER BY a.id LIMIT 1) <> 'create'
                """)
            #expect(history.isEmpty, "\(history.prefix(5))")
            let changes = try Int.fetchOne(db, sql: "SELECT SUM(version - 1) FROM records")
            #expect(changes == summary.changes)

            // Every record has its family's fact row in its current status, and its units.
            for (family, facts) in [("avvikelse", "avvikelse_facts"), ("klagomal", "klagomal_facts"), ("lex_sarah", "lex_sarah_facts"),
                                    ("riskanalys", "riskanalys_facts"), ("egenkontroll", "egenkontroll_facts"),
                                    ("tillsynsbeslut", "tillsynsbeslut_facts")] {
                let missing = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM records r LEFT JOIN \(facts) f ON f.record_id = r.id
                    WHERE r.family = ? AND (f.record_id IS NULL OR f.status <> r.status)
                    """, arguments: [family])
                #expect(missing == 0, "\(family)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_units u WHERE u.record_id = r.id)") == 0)

            // Records taken through their workflows: every status a year's records normally reach.
            let statuses = Set(try String.fetchAll(db, sql: "SELECT DISTINCT family || ':' || status FROM records"))
            for expected in ["avvikelse:inkommen", "avvikelse:under_utredning", "avvikelse:avslutad", "klagomal:avslutad",
                             "lex_sarah:avslutad", "riskanalys:genomford", "egenkontroll:genomford"] {
                #expect(statuses.contains(expected), "\(expected)")
            }
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        // The report's running sums, kept by every write, equal a rebuild from the records (what `kvalitet check` verifies).
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
        // What the API reads: the record and its history, through the store.
        let store = RecordStore<LexSarah>(test.database)
        let first = try await store.read(CaseNumber(family: .lexSarah, year: 2025, sequence: 1), by: TestDatabase.admin)
        let history = try await store.history(first.id, by: TestDatabase.admin)
        #expect(history.count == first.version)
        #expect(history.last?.record == first)
    }

    @Test func theSameSeedGivesTheSameDatabaseWhateverTheBatchSize() async throws {
        func load(seed: UInt64, batchSize: Int) async throws -> [Row] {
            let test = try TestDatabase()
            _ = try await DemoLoader(test.database).load(seed: seed, years: 1, scale: 0.25, batchSize: batchSize)
            return try test.database.pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.id, r.body, (SELECT group_concat(v.snapshot, '|') FROM record_versions v WHERE v.record_id = r.id) AS versions
                    FROM records r ORDER BY r.id
                    """)
            }
        }
        let one = try await load(seed: 7, batchSize: 1)
        let many = try await load(seed: 7, batchSize: 97)
        #expect(one.count > 100)
        #expect(one == many)
        let other = try await load(seed: 8, batchSize: 97)
        #expect(other != many)
    }

    @Test func aDatabaseWithUnitsOrRecordsIsRefused() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        await #expect(throws: DomainError.self) {
            try await DemoLoader(test.database).load(years: 1, scale: 0.1)
        }
        let records = try await test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") }
        #expect(records == 0)
    }

    @Test func aRecordCountPicksTheScaleThatGivesAboutThatMany() {
        let today = LocalDate(year: 2026, month: 1, day: 15)!
        for wanted in [1_000, 100_000, 1_000_000] {
            let plan = DemoPlan(today: today, years: 5, scale: DemoPlan.scale(forRecords: wanted, today: today, years: 5))
            #expect(abs(plan.records - wanted) <= max(10, wanted / 1000), "\(wanted): \(plan.records)")
        }
        // Scale 1 stays what it was: a mid-sized municipality, about 455 records a year (five years and two weeks here).
        #expect((2_300...2_500).contains(DemoPlan(today: today, years: 5, scale: 1).records))
    }
}
