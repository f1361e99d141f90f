import Foundation
import KvalitetDomain
import Testing

@Suite("Dates and case numbers")
struct LocalDateAndCaseNumberTests {
    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01", "2025-01-01T00:00", "", "abcd-ef-gh"])
    func onlyRealCalendarDatesInTheStrictFormParse(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func leapDaysAndRoundTripsParse() {
        #expect(LocalDate("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate("2000-02-29") != nil)
        #expect(LocalDate("1900-02-29") == nil)
    }

    @Test(arguments: ["0001-01-01", "0999-09-09", "1000-10-10", "2025-03-02", "2026-12-31", "9999-12-31"])
    func aDateIsWrittenAsItsFourDigitYearTwoDigitMonthAndTwoDigitDay(text: String) throws {
        let date = try #require(LocalDate(text))
        #expect(date.description == text)
        #expect(LocalDate(year: date.year, month: date.month, day: date.day)?.description == text)
    }

    @Test func dayNumbersRoundTripAndCountDays() {
        let day = LocalDate("2025-06-01")!
        #expect(LocalDate(dayNumber: day.dayNumber) == day)
        #expect(LocalDate("1970-01-01")!.dayNumber == 0)
        #expect(LocalDate("2025-01-01")!.days(until: LocalDate("2025-12-31")!) == 364)
    }

    @Test func addingMonthsClampsToTheLastDayOfTheMonth() {
        #expect(LocalDate("2025-08-31")!.adding(months: 1).description == "2025-09-30")
        #expect(LocalDate("2025-12-31")!.adding(months: 2).description == "2026-02-28")
        #expect(LocalDate("2025-03-15")!.adding(months: 2).description == "2025-05-15")
    }

    @Test func todayIsTheSwedishCalendarDay() {
        // 23:30 UTC on 31 December is already 1 January in Stockholm.
        let instant = Date(timeIntervalSince1970: 1_767_223_800)  // 2025-12-31T23:30:00Z
        #expect(SwedishTime.date(of: instant).description == "2026-01-01")
    }

    @Test func timestampsAreRFC3339UTCWithMilliseconds() {
        let instant = Date(timeIntervalSince1970: 1_768_478_400.25)
        #expect(Timestamp.format(instant) == "2026-01-15T12:00:00.250Z")
        #expect(Timestamp.parse("2026-01-15T12:00:00.250Z") == instant)
    }

    @Test func caseNumbersArePaddedToFourDigitsAndGrowBeyond() {
        #expect(CaseNumber(family: .avvikelse, year: 2025, sequence: 7).description == "AVV-2025-0007")
        #expect(CaseNumber(family: .lexSarah, year: 2025, sequence: 12_345).description == "LXS-2025-12345")
    }

    @Test func onlyTheCanonicalSpellingOfACaseNumberParses() {
        #expect(CaseNumber("AVV-2025-0007", family: .avvikelse) == CaseNumber(family: .avvikelse, year: 2025, sequence: 7))
        #expect(CaseNumber("AVV-2025-12345", family: .avvikelse)?.sequence == 12_345)
        for text in ["AVV-2025-7", "AVV-2025-00007", "avv-2025-0007", "KLG-2025-0007", "AVV-2025-0000", "AVV-25-0007", "AVV-2025-+007"] {
            #expect(CaseNumber(text, family: .avvikelse) == nil, "\(text)")
        }
    }
}
