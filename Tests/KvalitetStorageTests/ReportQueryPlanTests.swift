import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The report must not scan every record: each query over a fact table searches an index.
@Suite("Kvalitetsberättelse query plans")
struct ReportQueryPlanTests {
    @Test func everyReportQueryOverAFactTableUsesAnIndex() async throws {
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
            return try statements.filter { $0.contains("_facts") }.map { sql in
                (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String })
            }
        }
        #expect(plans.count >= 30)
        for (sql, plan) in plans {
            // "SCAN f" alone is a full scan of a fact table; SEARCH … USING INDEX is what we want.
            let scans = plan.filter { $0.range(of: #"SCAN (f|ru|c|r)\b(?! USING)"#, options: .regularExpression) != nil }
            #expect(scans.isEmpty, "full scan in: \(sql)\n\(plan.joined(separator: "\n"))")
        }
    }
}
