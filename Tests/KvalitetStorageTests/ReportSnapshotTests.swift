import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// A report is one moment: its figures and the organisation tree it groups them by come from the
/// same read transaction, never from a tree cached at another moment.
@Suite("The report's snapshot")
struct ReportSnapshotTests {
    /// Writes units behind the stores' back (as another process would), so the cached tree is stale.
    private func addUnitBehindTheCache(_ test: TestDatabase) async throws {
        try await test.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO units (id, name, level, parent_id, created_at, updated_at)
                VALUES ('ifo-ny', 'Ny sektion', 'sektion', 'ifo', '2026-01-15T12:00:00Z', '2026-01-15T12:00:00Z')
                """)
            try db.execute(sql: "UPDATE units SET name = 'Utredning barn' WHERE id = 'ifo-utr'")
        }
    }

    @Test func theReportFindsAUnitItsOwnTransactionSeesEvenWhenTheCachedTreeLacksIt() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        try test.database.warmUnitTree()
        try await addUnitBehindTheCache(test)
        let generated = try await ReportStore(test.database).generate(ReportRequest(year: 2025, unitId: "ifo-ny"),
                                                                      by: TestDatabase.admin)
        #expect(generated.report.request.unitId == "ifo-ny")
    }

    @Test func theReportCarriesTheUnitTreeOfItsOwnTransaction() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        try test.database.warmUnitTree()
        try await addUnitBehindTheCache(test)
        let generated = try await ReportStore(test.database).generate(ReportRequest(year: 2025, unitId: nil),
                                                                      by: TestDatabase.admin)
        #expect(generated.units.units["ifo-utr"]?.name == "Utredning barn")
        #expect(generated.units.units["ifo-ny"]?.parentId == "ifo")
    }
}
