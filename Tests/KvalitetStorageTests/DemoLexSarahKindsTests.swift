import Foundation
import GRDB
import KvalitetDemo
import KvalitetDomain
@testable import KvalitetStorage
import Testing

@Suite("The demo's lex Sarah kinds")
struct DemoLexSarahKindsTests {
    @Test func demoReportsHaveOneOrTwoDistinctKindsInTheirRowsAndTheReportCountsThem() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(years: 3, scale: 1, batchSize: 100)
        let (reports, perReport, distinct, mismatched) = try await test.database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE family = 'lex_sarah'") ?? 0,
             try Int.fetchAll(db, sql: """
                 SELECT COUNT(k.kind) FROM records r LEFT JOIN lex_sarah_kinds k ON k.record_id = r.id
                 WHERE r.family = 'lex_sarah' GROUP BY r.id
                 """),
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT kind) FROM lex_sarah_kinds") ?? 0,
             // The rows say what the body says: the same kinds, nothing else.
             try Int.fetchOne(db, sql: """
                 SELECT COUNT(*) FROM records r WHERE r.family = 'lex_sarah' AND (SELECT group_concat(value, ',')
                 FROM (SELECT value FROM json_each(r.body, '$.fields.kinds') ORDER BY value)) IS NOT
                 (SELECT group_concat(kind, ',') FROM (SELECT kind FROM lex_sarah_kinds WHERE record_id = r.id
                 ORDER BY kind))
                 """) ?? -1)
        }
        #expect(reports > 50)
        #expect(perReport.count == reports && perReport.allSatisfy { (1...2).contains($0) })
        #expect(perReport.contains(2) && perReport.contains(1))
        #expect(distinct >= 8)
        #expect(mismatched == 0)
        let year = SwedishTime.today(test.database.clock).year - 1
        let report = try await ReportStore(test.database).kvalitetsberattelse(
            ReportRequest(year: year, unitId: nil), by: TestDatabase.admin)
        #expect(report.analysis.lexSarahByKind.reduce(0) { $0 + $1.count } >= report.analysis.lexSarahCommitteeTreated)
        #expect(report.analysis.lexSarahCommitteeTreated > 0)
        #expect(try test.database.reportCountsMatchRecords(settings: RecordSettings()))
    }
}
