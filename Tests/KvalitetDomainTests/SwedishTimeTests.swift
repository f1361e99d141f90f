import Foundation
import KvalitetDomain
import Testing

/// Stockholm days: calendar days of 23, 24 and 25 hours, and local timestamps with their offset.
@Suite("Swedish time")
struct SwedishTimeTests {
    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    /// Days, their first instant and their last (at 1 ms) in UTC, and how many hours they last.
    static let dayRows: [(day: String, start: String, last: String, hours: Double)] = [
        ("2026-01-15", "2026-01-14T23:00:00Z", "2026-01-15T22:59:59.999Z", 24),
        ("2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T21:59:59.999Z", 23),
        ("2026-07-15", "2026-07-14T22:00:00Z", "2026-07-15T21:59:59.999Z", 24),
        ("2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T22:59:59.999Z", 25),
        ("2025-03-30", "2025-03-29T23:00:00Z", "2025-03-30T21:59:59.999Z", 23),
        ("2025-10-26", "2025-10-25T22:00:00Z", "2025-10-26T22:59:59.999Z", 25),
        ("2024-02-29", "2024-02-28T23:00:00Z", "2024-02-29T22:59:59.999Z", 24),
    ]

    @Test(arguments: dayRows)
    func aSwedishDayRunsFromLocalMidnightToTheNextWhateverItsLength(
        row: (day: String, start: String, last: String, hours: Double)
    ) {
        let day = LocalDate(row.day)!
        #expect(SwedishTime.start(of: day) == Self.at(row.start))
        #expect(Timestamp.format(SwedishTime.lastInstant(of: day)) == row.last)
        let length = SwedishTime.lastInstant(of: day).timeIntervalSince(SwedishTime.start(of: day))
        #expect(abs(length - row.hours * 3600) < 0.001)
        #expect(SwedishTime.date(of: SwedishTime.start(of: day)) == day)
        #expect(SwedishTime.date(of: SwedishTime.lastInstant(of: day)) == day)
    }

    /// Instants and the Stockholm wall-clock time CSV shows for each (the autumn's repeated hour twice).
    static let localRows: [(instant: String, local: String)] = [
        ("2026-01-15T12:00:00.000Z", "2026-01-15 13:00:00"),
        ("2026-07-15T12:00:00.250Z", "2026-07-15 14:00:00"),
        ("2026-03-29T00:59:59.000Z", "2026-03-29 01:59:59"),
        ("2026-03-29T01:00:00.000Z", "2026-03-29 03:00:00"),
        ("2026-10-25T00:30:00.000Z", "2026-10-25 02:30:00"),
        ("2026-10-25T01:30:00.000Z", "2026-10-25 02:30:00"),
        ("2026-10-25T22:30:00.000Z", "2026-10-25 23:30:00"),
        ("2026-12-31T23:30:00.000Z", "2027-01-01 00:30:00"),
    ]

    @Test(arguments: localRows)
    func aWallClockTimeIsStockholmsLocalTimeOfThatInstant(row: (instant: String, local: String)) {
        #expect(SwedishTime.wallClock(Self.at(row.instant)) == row.local)
    }

    @Test func withoutStockholmsTimeZoneDataTheServiceRefusesToStart() {
        #expect(throws: MissingTimeZoneData.self) { try SwedishTime.requireZoneData(nil) }
        // A fixed UTC+1 is wrong all summer: not accepted as Stockholm.
        #expect(throws: MissingTimeZoneData.self) { try SwedishTime.requireZoneData(TimeZone(secondsFromGMT: 3600)) }
        #expect(throws: MissingTimeZoneData.self) { try SwedishTime.requireZoneData(TimeZone(identifier: "UTC")) }
        #expect(throws: Never.self) { try SwedishTime.requireZoneData() }
        #expect(MissingTimeZoneData().description.contains("tzdata"))
    }
}
