/// Swedish public holidays and working days, computed (no table to keep up to date).
///
/// Public holidays (*allmänna helgdagar*) are those of lag (1989:253) om allmänna helgdagar. Working
/// days are Monday to Friday except those holidays and the three eves that lag (1930:173) om
/// beräkning av lagstadgad tid treats like them: midsommarafton, julafton and nyårsafton.
public enum SwedishWorkingDays {
    /// A named day off: `name` in Swedish.
    public struct Holiday: Sendable, Equatable {
        public let date: LocalDate
        public let name: String
    }

    /// Easter Sunday of `year` (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// Monday 0 … Sunday 6.
    public static func weekday(_ date: LocalDate) -> Int { ((date.dayNumber % 7) + 7 + 3) % 7 }

    /// The first day from `month`-`from` on (within the month) that falls on `weekday`.
    static func first(_ weekday: Int, year: Int, month: Int, from day: Int) -> LocalDate {
        let start = LocalDate(year: year, month: month, day: day)!
        return start.plus((weekday - Self.weekday(start) + 7) % 7)
    }

    /// Every public holiday of `year`, in date order, with the eves treated like them.
    public static func daysOff(_ year: Int) -> [Holiday] {
        let easter = easterSunday(year)
        let midsummer = first(5, year: year, month: 6, from: 20)
        let allSaints = first(5, year: year, month: 10, from: 31)
        let days: [(LocalDate, String)] = [
            (LocalDate(year: year, month: 1, day: 1)!, "Nyårsdagen"),
            (LocalDate(year: year, month: 1, day: 6)!, "Trettondedag jul"),
            (easter.plus(-2), "Långfredagen"), (easter, "Påskdagen"), (easter.plus(1), "Annandag påsk"),
            (LocalDate(year: year, month: 5, day: 1)!, "Första maj"),
            (easter.plus(39), "Kristi himmelsfärdsdag"), (easter.plus(49), "Pingstdagen"),
            (LocalDate(year: year, month: 6, day: 6)!, "Sveriges nationaldag"),
            (midsummer.plus(-1), "Midsommarafton"), (midsummer, "Midsommardagen"),
            (allSaints, "Alla helgons dag"),
            (LocalDate(year: year, month: 12, day: 24)!, "Julafton"),
            (LocalDate(year: year, month: 12, day: 25)!, "Juldagen"),
            (LocalDate(year: year, month: 12, day: 26)!, "Annandag jul"),
            (LocalDate(year: year, month: 12, day: 31)!, "Nyårsafton"),
        ]
        return days.sorted { $0.0 < $1.0 }.map { Holiday(date: $0.0, name: $0.1) }
    }

    /// True for Monday to Friday that is neither a public holiday nor one of the three eves.
    public static func isWorkingDay(_ date: LocalDate) -> Bool {
        weekday(date) < 5 && !daysOff(date.year).contains { $0.date == date }
    }

    /// The `count`-th working day after `date` (`count` ≥ 0; 0 is `date` itself when a working day,
    /// else the next one): a complaint received on Thursday before Easter, acknowledged within one
    /// working day, is due on the Tuesday after.
    public static func adding(_ count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        var left = count
        if count == 0 {
            while !isWorkingDay(day) { day = day.plus(1) }
            return day
        }
        while left > 0 {
            day = day.plus(1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}

extension LocalDate {
    /// The date `days` days later (earlier when negative).
    public func plus(_ days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }
}
