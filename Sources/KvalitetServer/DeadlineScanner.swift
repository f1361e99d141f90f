import Foundation
import KvalitetDomain
import KvalitetStorage
import Logging
import ServiceLifecycle

/// The time of day the deadline scan runs, Europe/Stockholm wall-clock time (`--frist-tid 07:00`).
public struct DeadlineScanTime: Sendable, Equatable {
    public let hour: Int
    public let minute: Int

    public static let standard = DeadlineScanTime(hour: 7, minute: 0)

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM`, 00:00–23:59; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// The instant this time of day falls on `day` in Stockholm (on the days the clocks change, the
    /// local time, not a fixed number of hours after midnight; a time the spring change skips falls
    /// an hour later).
    public func instant(on day: LocalDate) -> Date {
        let start = SwedishTime.start(of: day)
        let naive = start.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
        let zone = SwedishTime.zone
        return naive.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: start) - zone.secondsFromGMT(for: naive)))
    }

    /// The day of the latest scan time at or before `now`: today once today's time has come, else yesterday.
    public func scanDay(at now: Date) -> LocalDate {
        let today = SwedishTime.date(of: now)
        return now >= instant(on: today) ? today : today.plus(-1)
    }
}

/// The daily deadline scan (a service beside the HTTP server): once a day, at the configured
/// Stockholm time, it writes the deadline events (`DeadlineStore.scan`), which the webhook worker
/// then delivers through the outbox. It looks every `interval` (the first time one interval after
/// the start) whether the latest scan time's day was scanned, so a start after a missed day catches
/// that up in one scan, and a restart on a day already scanned writes nothing (the database keeps
/// the scanned days).
public struct DeadlineScanner: Service {
    let store: DeadlineStore
    let rules: DeadlineRules
    let time: DeadlineScanTime
    let clock: any KvalitetClock
    let interval: Duration
    let logger: Logger

    public init(
        store: DeadlineStore, rules: DeadlineRules, time: DeadlineScanTime, clock: any KvalitetClock,
        interval: Duration, logger: Logger
    ) {
        self.store = store
        self.rules = rules
        self.time = time
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // The first look comes one interval after the start, once the server is up.
            while !Task.isCancelled {
                try? await Task.sleep(for: self.interval)
                guard !Task.isCancelled else { return }
                await self.scanIfDue()
            }
        }
    }

    /// Scans the latest scan time's day unless it was scanned; returns what the scan did (nil: nothing to do).
    @discardableResult
    public func scanIfDue() async -> DeadlineScanResult? {
        let now = clock.now()
        let day = time.scanDay(at: now)
        do {
            // A read first: on every look but the day's first, the day is scanned and nothing is written.
            if let last = try await store.lastScanDay(), last >= day { return nil }
            guard let result = try await store.scan(day: day, rules: rules, at: now) else { return nil }
            logger.notice(
                "deadline scan",
                metadata: [
                    "day": "\(result.day)", "since": "\(result.since.map(\.description) ?? "none")",
                    "approaching": "\(result.approaching)", "passed": "\(result.passed)",
                ])
            return result
        } catch {
            guard !Task.isCancelled, !(error is CancellationError) else { return nil }
            logger.warning("deadline scan failed", metadata: ["day": "\(day)", "error": "\(type(of: error))"])
            return nil
        }
    }
}
