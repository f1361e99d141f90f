import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The report must not visit the records: it reads running sums, each range through the primary key.
@Suite("Kvalitetsberättelse query plans")
struct ReportQueryPlanTests {
    @Test func theReportReadsOnlyRunningSumsEachThroughThePrimaryKey() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let plans: [(sql: String, plan: [String])] = try await test.database.pool.read { db in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            let tree = try UnitStore.tree(db)
            for unitId in [nil, "ifo"] as [String?] {
                let request = ReportRequest(year: 2025, unitId: unitId)
                let sql = ReportSQL(db: db, scope: ReportScope(request: request, actor: TestDatabase.admin, tree: tree), request: request)
                _ = try sql.received()
                _ = try sql.lexSarah(asOf: request.yearEnd)
                _ = try sql.analysis()
                _ = try sql.riskanalyser()
                _ = try sql.egenkontroller()
                _ = try sql.tillsyn()
                _ = try sql.handlingTimes()
            }
            db.trace(options: [], nil)
            #expect(!statements.contains { $0.contains("_facts") || $0.contains("FROM records") || $0.contains("record_units") })
            return try statements.filter { $0.contains("report_counts") || $0.contains("report_totals") }.map { sql in
                (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String })
            }
        }
        #expect(plans.count >= 40)
        // The whole organisation's report reads the totals; the one scoped to "ifo" only unit sums.
        #expect(plans.filter { $0.sql.contains("report_totals") }.count >= 15)
        for (sql, plan) in plans {
            let reads = plan.filter { $0.contains("report_counts") || $0.contains("report_totals") }
            // A range of periods, or (the organisation's supervision cases) of keys in one period.
            let ranges = ["USING PRIMARY KEY (metric=? AND grain=? AND period>? AND period<?)",
                          "USING PRIMARY KEY (metric=? AND grain=? AND period=? AND key>? AND key<?)"]
            #expect(!reads.isEmpty && reads.allSatisfy { read in
                ranges.contains { read.contains("SEARCH report_counts " + $0) || read.contains("SEARCH report_totals " + $0) }
            },
                    "not a primary-key range in: \(sql)\n\(plan.joined(separator: "\n"))")
        }
    }
}
