import KvalitetDomain
import Testing

/// How a date range becomes running sums, and what records count where.
@Suite("Report tallies and ranges")
struct ReportTallyTests {
    private func pieces(_ from: String, _ to: String) -> [String] {
        ReportRange(from: LocalDate(from)!, to: LocalDate(to)!).pieces.map { "\($0.grain.rawValue) \($0.from)…\($0.to)" }
    }

    @Test func aCalendarYearIsOneYearSum() {
        #expect(pieces("2025-01-01", "2025-12-31") == ["y 2025…2025"])
    }

    @Test func theJuneToMayAnalysisPeriodIsTwelveMonthSumsInOneRange() {
        #expect(pieces("2024-06-01", "2025-05-31") == ["m 2024-06…2025-05"])
    }

    @Test func raggedEndsAreDaysAndTheMiddleIsMonthsAndYears() {
        #expect(pieces("2023-03-15", "2025-02-10") == ["d 2023-03-15…2023-03-31", "m 2023-04…2023-12", "y 2024…2024",
                                                       "m 2025-01…2025-01", "d 2025-02-01…2025-02-10"])
    }

    @Test func aFewDaysInsideAMonthAreDaySums() {
        #expect(pieces("2025-02-27", "2025-03-02") == ["d 2025-02-27…2025-03-02"])
    }

    @Test func everythingThroughAYearEndIsYearSumsFromTheBeginning() {
        #expect(ReportRange.through(LocalDate("2025-12-31")!).pieces.map { "\($0.grain.rawValue) \($0.from)…\($0.to)" } == ["y 1000…2025"])
    }

    private func lexSarah(ivo: String, sent: String?) -> CaseRecord<LexSarah> {
        var fields = LexSarah.Fields(unitId: "u", title: "t", reportedOn: LocalDate("2025-01-10")!, reporterRole: .anstalld, kinds: [.rojdSekretess])
        fields.ivo = .init(reportedOn: LocalDate(ivo)!, channel: .eTjanst, investigationSentOn: sent.flatMap { LocalDate($0) })
        return CaseRecord(id: CaseNumber(family: .lexSarah, year: 2025, sequence: 1), status: .rapporterad, fields: fields, version: 1,
                          createdAt: .init(timeIntervalSince1970: 0), createdBy: "t", updatedAt: .init(timeIntervalSince1970: 0), voided: nil)
    }

    private func dates(_ tallies: [ReportTally: Int], _ metric: ReportMetric) -> [String] {
        tallies.keys.filter { $0.metric == metric }.map(\.date.description)
    }

    @Test func anInvestigationIsOverdueFromTheDayAfterItsTwoMonthsUntilItIsSent() {
        let late = LexSarah.reportTallies(lexSarah(ivo: "2025-02-01", sent: "2025-04-15"))
        #expect(dates(late, .lexSarahOverdueFrom) == ["2025-04-02"])
        #expect(dates(late, .lexSarahOverdueUntil) == ["2025-04-15"])
        let unsent = LexSarah.reportTallies(lexSarah(ivo: "2025-02-01", sent: nil))
        #expect(dates(unsent, .lexSarahOverdueFrom) == ["2025-04-02"] && dates(unsent, .lexSarahOverdueUntil).isEmpty)
    }

    @Test func anInvestigationSentInTimeIsNeverOverdue() {
        let inTime = LexSarah.reportTallies(lexSarah(ivo: "2025-02-01", sent: "2025-04-01"))
        #expect(dates(inTime, .lexSarahOverdueFrom).isEmpty && dates(inTime, .lexSarahOverdueUntil).isEmpty)
        #expect(dates(inTime, .lexSarahReportedToIvo) == ["2025-02-01"])
    }

    @Test func aVoidedRecordCountsNowhere() {
        var record = lexSarah(ivo: "2025-02-01", sent: nil)
        record.voided = Voiding(on: LocalDate("2025-03-01")!, reason: "Dubblett", by: "t")
        #expect(LexSarah.reportTallies(record).isEmpty)
    }

    @Test func aChangeMovesOnlyTheTalliesThatDiffer() {
        let before = LexSarah.reportTallies(lexSarah(ivo: "2025-02-01", sent: nil))
        let after = LexSarah.reportTallies(lexSarah(ivo: "2025-02-01", sent: "2025-04-15"))
        let delta = ReportTally.delta(from: before, to: after)
        #expect(delta.count == 1 && delta.first?.key.metric == .lexSarahOverdueUntil && delta.first?.value == 1)
    }
}

@Suite("IVO follow-up days")
struct IvoFollowUpTests {
    /// (anmälan, sent, months, first overdue day, day the overdue days end)
    static let rows: [(String, String?, Int, String?, String?)] = [
        ("2025-02-01", nil, 2, "2025-04-02", nil),
        ("2025-02-01", "2025-04-01", 2, nil, nil),
        ("2025-02-01", "2025-04-02", 2, nil, nil),
        ("2025-02-01", "2025-04-03", 2, "2025-04-02", "2025-04-03"),
        ("2025-12-31", nil, 2, "2026-03-01", nil),
        ("2025-02-01", "2025-03-15", 1, "2025-03-02", "2025-03-15"),
        ("2025-02-01", "2025-03-15", 3, nil, nil),
    ]

    @Test(arguments: rows) func overdueDaysFollowTheLocalRoutine(row: (String, String?, Int, String?, String?)) throws {
        let routine = try #require(IvoFollowUp(months: row.2))
        let overdue = routine.overdue(reportedOn: LocalDate(row.0)!, sentOn: row.1.flatMap(LocalDate.init))
        #expect(overdue?.from.description == row.3)
        #expect(overdue?.until?.description == row.4)
    }

    @Test func theReportsFiguresAreDifferencesOfSums() {
        let sums: [ReportMetric: Int] = [.lexSarahReported: 9, .lexSarahClosed: 4, .lexSarahOverdueFrom: 3, .lexSarahOverdueUntil: 1]
        let sum = { (metric: ReportMetric, _: ReportRange) in sums[metric] ?? 0 }
        #expect(LexSarahCounting.openAtYearEnd(LocalDate("2025-12-31")!, sum: sum) == 5)
        #expect(LexSarahCounting.overdue(asOf: LocalDate("2025-12-31")!, sum: sum) == 2)
    }
}
