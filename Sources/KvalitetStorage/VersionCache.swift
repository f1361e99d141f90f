import Synchronization

/// A bounded cache of values that belong to one version of one record (a decoded record, its list
/// JSON): a record version never changes, so an entry can never be stale — only evicted. Two
/// generations: entries used since the last turnover survive it, the rest are dropped, so the
/// cache holds at most `capacity` entries without per-entry bookkeeping.
public final class VersionCache<Value: Sendable>: Sendable {
    public struct Key: Hashable, Sendable {
        public let id: String
        public let version: Int
        /// Anything else the value depends on (e.g. today's date for computed deadlines); "" if nothing.
        public let variant: String

        public init(id: String, version: Int, variant: String = "") {
            self.id = id
            self.version = version
            self.variant = variant
        }
    }

    private struct Generations {
        var current: [Key: Value] = [:]
        var previous: [Key: Value] = [:]
    }

    private let generations = Mutex(Generations())
    private let half: Int

    public init(capacity: Int) { half = max(1, capacity / 2) }

    public func value(for key: Key) -> Value? {
        generations.withLock { state in
            if let value = state.current[key] { return value }
            guard let value = state.previous.removeValue(forKey: key) else { return nil }
            Self.insert(value, for: key, into: &state, half: half)
            return value
        }
    }

    public func store(_ value: Value, for key: Key) {
        generations.withLock { state in Self.insert(value, for: key, into: &state, half: half) }
    }

    public var count: Int { generations.withLock { $0.current.count + $0.previous.count } }

    private static func insert(_ value: Value, for key: Key, into state: inout Generations, half: Int) {
        if state.current.count >= half {
            state.previous = state.current
            state.current = [:]
            state.current.reserveCapacity(half)
        }
        state.current[key] = value
    }
}
