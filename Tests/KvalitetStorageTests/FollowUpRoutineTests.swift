import Foundation
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// The IVO follow-up period is a local routine: changing it moves every stored follow-up date and
/// the report's overdue sums at the next start.
@Suite("IVO follow-up routine")
struct FollowUpRoutineTests {
    let admin = TestDatabase.admin

    @Test func aShorterRoutineMakesMoreReportsOverdueOnceApplied() async throws {
        let test = try TestDatabase()
        defer { try? FileManager.default.removeItem(atPath: test.folder) }
        try await test.seedUnits()
        let late = try await RecordStore<LexSarah>(test.database).create(Families.lexSarah(ivo: "2025-10-01"),
            by: admin).record
        let soon = try await RecordStore<LexSarah>(test.database).create(Families.lexSarah(ivo: "2025-12-01"),
            by: admin).record
        let oneMonth = RecordSettings(ivoFollowUp: IvoFollowUp(months: 1)!)
        let store = RecordStore<LexSarah>(test.database, settings: oneMonth)
        #expect(try store.applyFollowUpRoutine())
        #expect(try await store.list(RecordQuery(overdue: true), by: admin).items.map(\.id) == [soon.id, late.id])
        #expect(try test.database.reportCountsMatchRecords(settings: oneMonth))
    }

    @Test func anUnchangedRoutineChangesNothing() async throws {
        let test = try TestDatabase()
        defer { try? FileManager.default.removeItem(atPath: test.folder) }
        try await test.seedUnits()
        _ = try await RecordStore<LexSarah>(test.database).create(Families.lexSarah(ivo: "2025-10-01"), by: admin)
        #expect(try !RecordStore<LexSarah>(test.database).applyFollowUpRoutine())
    }

    @Test func theRoutineIsOneToTwentyFourMonths() {
        #expect(IvoFollowUp(months: 0) == nil)
        #expect(IvoFollowUp(months: 25) == nil)
        #expect(IvoFollowUp(months: 24)?.sendBy(reportedOn: LocalDate("2025-01-31")!) == LocalDate("2027-01-31"))
        #expect(IvoFollowUp.standard.sendBy(reportedOn: LocalDate("2025-12-31")!) == LocalDate("2026-02-28"))
    }
}
