import Foundation

/// An admin's webhook subscription as the domain sees it: where, which kinds, which unit subtree.
public struct WebhookSubscription: EventSubscription, Equatable {
    /// `wh_` and 96 random bits in hex.
    public var id: String
    public var url: String
    public var eventKinds: [EventKind]
    /// The root of the unit subtree whose records' events are sent; nil: every unit.
    public var unitId: String?
    public var createdAt: Date
    public var createdBy: String

    public init(id: String, url: String, eventKinds: [EventKind], unitId: String?, createdAt: Date, createdBy: String) {
        self.id = id
        self.url = url
        self.eventKinds = eventKinds
        self.unitId = unitId
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// The rule on targets: `https://` anywhere, `http://` only to the loopback interface
    /// (127.0.0.0/8, `::1`, `localhost`), where nothing crosses a network; no user or password in it.
    public static func checkURL(_ text: String, pointer: String = "/url") -> FieldProblem? {
        func refused(_ detail: String) -> FieldProblem {
            FieldProblem(pointer, .invalidFormat(example: "https://example.kommun.se/hook"), detail: detail)
        }
        guard text.utf8.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host, !host.isEmpty
        else { return refused("must be an absolute http(s) URL of at most 2000 characters") }
        if url.user != nil || url.password != nil {
            return refused("must not carry a user or password; the signature authenticates the sender")
        }
        switch scheme {
        case "https": return nil
        case "http": return isLoopback(host) ? nil : refused("http:// is allowed only to loopback; use https://")
        default: return refused("must be an https:// URL (http:// only to loopback)")
        }
    }

    /// Whether `host` is the loopback interface: 127.0.0.0/8, `::1` or `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// When a failed delivery is tried again: exponential backoff from `first` doubling up to `longest`,
/// for `giveUpAfter` after the event was first due; then the delivery is failed.
public struct WebhookRetry: Sendable, Equatable {
    public var first: TimeInterval
    public var longest: TimeInterval
    public var giveUpAfter: TimeInterval

    /// 30 s, 1, 2, 4 … minutes, at most 2 hours apart, for 24 hours.
    public static let standard = WebhookRetry(first: 30, longest: 7200, giveUpAfter: 86_400)

    public init(first: TimeInterval, longest: TimeInterval, giveUpAfter: TimeInterval) {
        self.first = first
        self.longest = longest
        self.giveUpAfter = giveUpAfter
    }

    /// The next attempt after `attempts` failed ones (1 or more), or nil when the delivery is to be
    /// marked failed: its next attempt would fall more than `giveUpAfter` after `firstDueAt`.
    public func nextAttempt(after attempts: Int, at now: Date, firstDueAt: Date) -> Date? {
        let exponent = min(max(attempts - 1, 0), 30)
        let delay = min(first * pow(2, Double(exponent)), longest)
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(firstDueAt) > giveUpAfter ? nil : next
    }
}
