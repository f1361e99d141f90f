import Foundation

/// Swedish local time: dates in the API are calendar days in Europe/Stockholm, 23 hours long on the
/// last Sunday of March and 25 on the last Sunday of October. Needs the system's time-zone data;
/// without it (or with data that lacks Stockholm's summer time) the service refuses to start
/// (`requireZoneData`) rather than guess a fixed offset that is wrong half the year.
public enum SwedishTime {
    public static let identifier = "Europe/Stockholm"
    private static let loaded: TimeZone? = verified(TimeZone(identifier: identifier))

    /// Stockholm's time zone; `requireZoneData()` has made sure it exists before anything asks.
    public static var zone: TimeZone {
        guard let loaded else { fatalError(MissingTimeZoneData().description) }
        return loaded
    }

    /// Throws `MissingTimeZoneData` unless `zone` (by default the system's Europe/Stockholm) is the
    /// real one: +01:00 in winter and +02:00 in summer. `serve` and every command call this first.
    public static func requireZoneData(_ zone: TimeZone? = TimeZone(identifier: identifier)) throws {
        guard verified(zone) != nil else { throw MissingTimeZoneData() }
    }

    private static func verified(_ zone: TimeZone?) -> TimeZone? {
        let winter = Date(timeIntervalSince1970: 1_768_478_400)  // 2026-01-15T12:00:00Z
        let summer = Date(timeIntervalSince1970: 1_784_116_800)  // 2026-07-15T12:00:00Z
        guard let zone, zone.secondsFromGMT(for: winter) == 3600, zone.secondsFromGMT(for: summer) == 7200 else {
            return nil
        }
        return zone
    }

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    public static func today(_ clock: any KvalitetClock) -> LocalDate {
        date(of: clock.now())
    }

    /// The Swedish calendar day `instant` falls on.
    public static func date(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The first instant of `day` in Stockholm (local midnight; the clocks change at 02:00/03:00).
    public static func start(of day: LocalDate) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    /// The last instant of `day` at the timestamps' resolution: within its last millisecond, so that
    /// `Timestamp.format` writes 23:59:59.999 local time, also at the end of a 25-hour day. (Half a
    /// millisecond before the next day's start, where the truncation to milliseconds is exact.)
    public static func lastInstant(of day: LocalDate) -> Date {
        start(of: LocalDate(dayNumber: day.dayNumber + 1)).addingTimeInterval(-0.0005)
    }

    /// `instant` as Stockholm wall-clock time without offset, `2026-03-29 03:30:00`, as spreadsheets
    /// read a date and time. In the hour repeated when summer time ends (last Sunday of October,
    /// 02:00–02:59) two instants an hour apart read the same; the JSON's UTC timestamps tell them apart.
    public static func wallClock(_ instant: Date) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let local = Timestamp.format(instant.addingTimeInterval(TimeInterval(offset)))
        // `YYYY-MM-DDTHH:MM:SS.mmmZ` of the shifted instant: date and time of day, seconds whole.
        return String(local.prefix(10)) + " " + String(local.dropFirst(11).prefix(8))
    }
}

/// The system has no usable time-zone data for Europe/Stockholm.
public struct MissingTimeZoneData: Error, CustomStringConvertible {
    public init() {}
    public var description: String {
        "no time-zone data for Europe/Stockholm with its summer time: dates are Swedish calendar days, so the "
            + "service does not start without it; install the tzdata package (apt-get install tzdata)"
    }
}
