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
            return try statements.filter { $0.contains("report_counts") }.map { sql in
                (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String })
            }
        }
        #expect(plans.count >= 40)
        for (sql, plan) in plans {
            let reads = plan.filter { $0.contains("report_counts") }
            #expect(!reads.isEmpty && reads.allSatisfy { $0.contains("SEARCH report_counts USING PRIMARY KEY (metric=? AND grain=? AND period>? AND period<?)") },
                    "not a primary-key range in: \(sql)\n\(plan.joined(separator: "\n"))")
        }
    }
}
