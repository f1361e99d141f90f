import Testing

@testable import KvalitetStorage

/// The Standard Webhooks message id every event gets (`webhook-id`): the receivers' dedupe key.
@Suite("Event message ids")
struct EventIdTests {
    @Test func anIdIsMsgAnd32LowercaseHexDigitsNewEachTimeWithEveryDigitInUse() {
        let ids = (0..<2000).map { _ in EventOutbox.newId() }
        let hex = Set("0123456789abcdef")
        let malformed = ids.filter {
            !($0.hasPrefix("msg_") && $0.count == 36 && $0.dropFirst(4).allSatisfy(hex.contains))
        }
        #expect(malformed.isEmpty, "\(malformed.prefix(3))")
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.joined().dropFirst(4).filter(hex.contains)) == hex)
        // Both halves of the 128 bits are random: the first and the last 16 digits each vary.
        #expect(Set(ids.map { $0.dropFirst(4).prefix(16) }).count == ids.count)
        #expect(Set(ids.map { $0.suffix(16) }).count == ids.count)
    }
}
