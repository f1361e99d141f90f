import Foundation
import Testing

@testable import KvalitetStorage

/// The Standard Webhooks message id every event gets (`webhook-id`): the receivers' dedupe key.
@Suite("Event message ids")
struct EventIdTests {
    static let hex = Set("0123456789abcdef")

    @Test func anIdIsMsgAnd32LowercaseHexDigitsNewEachTimeWithEveryDigitInUse() {
        let now = Date(timeIntervalSince1970: 1_768_478_400.123)
        let ids = (0..<2000).map { _ in EventOutbox.newId(at: now) }
        let malformed = ids.filter {
            !($0.hasPrefix("msg_") && $0.count == 36 && $0.dropFirst(4).allSatisfy(Self.hex.contains))
        }
        #expect(malformed.isEmpty, "\(malformed.prefix(3))")
        #expect(Set(ids).count == ids.count)
        // The last 80 bits are random: every digit turns up, and the first 10 of the 20 vary on their own.
        #expect(Set(ids.joined().filter(Self.hex.contains).map { $0 }).isSuperset(of: Self.hex))
        #expect(Set(ids.map { $0.dropFirst(16).prefix(10) }).count == ids.count)
        #expect(Set(ids.map { $0.suffix(10) }).count == ids.count)
    }

    @Test func anIdStartsWithItsEventsMillisecondsSo1970InTwelveHexDigitsSoLaterIdsSortAfter() {
        let now = Date(timeIntervalSince1970: 1_768_478_400.123)
        let id = EventOutbox.newId(at: now)
        #expect(id.dropFirst(4).prefix(12) == String(1_768_478_400_123, radix: 16).leftPadded(to: 12))
        let later = EventOutbox.newId(at: now.addingTimeInterval(0.001))
        #expect(id < later)
        #expect(EventOutbox.newId(at: Date(timeIntervalSince1970: 0)).hasPrefix("msg_000000000000"))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: width - count) + self }
}
