import KvalitetDomain
import Testing

@Suite("Swedish public holidays and working days")
struct SwedishWorkingDaysTests {
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test(arguments: [
        (2011, "2011-04-24"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2026, "2026-04-05"), (2027, "2027-03-28"), (2028, "2028-04-16"), (2038, "2038-04-25"),
    ])
    func easterSundayIsComputedForAnyYear(_ year: Int, _ expected: String) {
        #expect(SwedishWorkingDays.easterSunday(year) == Self.date(expected))
    }

    @Test func theHolidaysOf2025AreTheLawsSixteenDaysOffInDateOrder() {
        let days = SwedishWorkingDays.daysOff(2025).map { "\($0.date) \($0.name)" }
        #expect(days == [
            "2025-01-01 Nyårsdagen", "2025-01-06 Trettondedag jul", "2025-04-18 Långfredagen",
            "2025-04-20 Påskdagen", "2025-04-21 Annandag påsk", "2025-05-01 Första maj",
            "2025-05-29 Kristi himmelsfärdsdag", "2025-06-06 Sveriges nationaldag", "2025-06-08 Pingstdagen",
            "2025-06-20 Midsommarafton", "2025-06-21 Midsommardagen", "2025-11-01 Alla helgons dag",
            "2025-12-24 Julafton", "2025-12-25 Juldagen", "2025-12-26 Annandag jul", "2025-12-31 Nyårsafton",
        ])
    }

    @Test(arguments: [
        (2024, "2024-06-22", "2024-11-02"), (2025, "2025-06-21", "2025-11-01"), (2026, "2026-06-20", "2026-10-31"),
        (2027, "2027-06-26", "2027-11-06"), (2028, "2028-06-24", "2028-11-04"), (2029, "2029-06-23", "2029-11-03"),
    ])
    func midsummerAndAllSaintsFallOnTheirSaturdays(_ year: Int, _ midsummer: String, _ allSaints: String) {
        let days = SwedishWorkingDays.daysOff(year)
        #expect(days.first { $0.name == "Midsommardagen" }?.date == Self.date(midsummer))
        #expect(days.first { $0.name == "Alla helgons dag" }?.date == Self.date(allSaints))
        #expect(SwedishWorkingDays.weekday(Self.date(midsummer)) == 5)
    }

    @Test func weekendsHolidaysAndTheThreeEvesAreNoWorkingDays() {
        for off in ["2026-01-06", "2026-04-03", "2026-04-06", "2026-05-14", "2026-06-19", "2026-12-24",
                    "2026-12-31", "2026-01-10", "2026-01-11"] {
            #expect(!SwedishWorkingDays.isWorkingDay(Self.date(off)), "\(off)")
        }
        for on in ["2026-01-05", "2026-01-07", "2026-04-02", "2026-04-07", "2026-06-22", "2026-12-23"] {
            #expect(SwedishWorkingDays.isWorkingDay(Self.date(on)), "\(on)")
        }
    }

    @Test func countingWorkingDaysSkipsEasterMidsummerAndChristmas() {
        // Skärtorsdagen + 1: Långfredagen, the weekend and Annandag påsk pass.
        #expect(SwedishWorkingDays.adding(1, to: Self.date("2025-04-17")) == Self.date("2025-04-22"))
        // Torsdag before midsommar 2026 + 1: midsommarafton and the weekend pass.
        #expect(SwedishWorkingDays.adding(1, to: Self.date("2026-06-18")) == Self.date("2026-06-22"))
        // 23 December 2027 (a Thursday) + 3: 24th, weekend, 27th (Monday), 28th, 29th.
        #expect(SwedishWorkingDays.adding(3, to: Self.date("2027-12-23")) == Self.date("2027-12-29"))
        // Received on Nyårsdagen 2028 (a Saturday), zero days: the first working day, Monday 3rd.
        #expect(SwedishWorkingDays.adding(0, to: Self.date("2028-01-01")) == Self.date("2028-01-03"))
        #expect(SwedishWorkingDays.adding(5, to: Self.date("2026-03-02")) == Self.date("2026-03-09"))
    }
}
