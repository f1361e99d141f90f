import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The statistics follow the report's rule: running sums only, each range through the primary key,
/// added up in the key's order (no sort).
@Suite("Statistik query plans")
struct StatistikQueryPlanTests {
    @Test func theSeriesReadOnlyRunningSumsEachThroughThePrimaryKeyWithoutASort() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = StatistikStore(test.database)
        let requests = [
            ("month", "2025-01", "2025-12", nil, false), ("quarter", "2025-03-15", "2025-10-26", "ifo", false),
            ("year", "2021", "2025", nil, true), ("month", "2024-12-31", "2025-04-01", "ifo", true),
        ].map { interval, from, to, unit, byUnit in
            StatistikRequest.make(
                metrics: nil, interval: StatistikInterval(rawValue: interval)!, from: from, to: to, unitId: unit,
                byUnit: byUnit, today: LocalDate("2026-01-15")!).request!
        }
        var traced: [String] = []
        for request in requests {
            traced += try await test.database.pool.read { db in
                var seen: [String] = []
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { seen.append(statement.expandedSQL) }
                }
                let tree = try UnitStore.tree(db)
                let scope = ReportScope(unitId: request.unitId, actor: TestDatabase.admin, tree: tree)
                for metric in request.metrics {
                    let organisation = scope.units == nil && !request.byUnit && metric.sums.hasTotals
                    _ = try StatistikSQL.sums(metric.sums, periods: request.periods, organisation: organisation, in: db)
                }
                db.trace(options: [], nil)
                return seen
            }
            _ = try await store.series(request, by: TestDatabase.admin)
        }
        #expect(!traced.contains { $0.contains("FROM records") || $0.contains("record_units") })
        #expect(traced.contains { $0.contains("report_totals") } && traced.contains { $0.contains("report_counts") })
        let sums = traced.filter { $0.contains("report_counts") || $0.contains("report_totals") }
        let plans = try await test.database.pool.read { db in
            try sums.map { sql in (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }) }
        }
        for (sql, plan) in plans {
            let reads = plan.filter { $0.contains("report_counts") || $0.contains("report_totals") }
            let range = "USING PRIMARY KEY (metric=? AND grain=? AND period>? AND period<?)"
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "a sort in: \(sql)\n\(plan.joined(separator: "\n"))")
            #expect(!reads.isEmpty && reads.allSatisfy { $0.contains("SEARCH report_counts " + range) || $0.contains("SEARCH report_totals " + range) },
                    "not a primary-key range in: \(sql)\n\(plan.joined(separator: "\n"))")
        }
    }
}
