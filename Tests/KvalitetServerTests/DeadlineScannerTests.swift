import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage
import Logging
@testable import KvalitetServer
import Testing

/// The daily deadline scan on the injected clock: when it runs, that it runs once a day, and that
/// its events reach a webhook subscription through the outbox.
@Suite("Daily deadline scanner")
struct DeadlineScannerTests {
    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    func scanner(_ app: TestApp, _ clock: any KvalitetClock, time: DeadlineScanTime = .standard) -> DeadlineScanner {
        DeadlineScanner(store: DeadlineStore(app.services.database), rules: app.config.deadlineRules, time: time,
                        clock: clock, interval: .seconds(60), logger: Logger(label: "test"))
    }

    @Test func theScanTimeIsStockholmWallClockTimeAlsoOnTheDaysTheClocksChange() {
        let seven = DeadlineScanTime.standard
        #expect(seven.instant(on: LocalDate("2026-01-15")!) == at("2026-01-15T06:00:00Z"))
        #expect(seven.instant(on: LocalDate("2026-03-29")!) == at("2026-03-29T05:00:00Z"))
        #expect(seven.instant(on: LocalDate("2026-07-01")!) == at("2026-07-01T05:00:00Z"))
        #expect(seven.instant(on: LocalDate("2026-10-25")!) == at("2026-10-25T06:00:00Z"))
        #expect(DeadlineScanTime("23:59") == DeadlineScanTime(hour: 23, minute: 59))
        for bad in ["24:00", "7:00", "07:60", "07-00", "", "07:00:00"] { #expect(DeadlineScanTime(bad) == nil, "\(bad)") }
    }

    @Test func theScanRunsOnceADayFromTheConfiguredTimeAndARestartThatDayWritesNothing() async throws {
        let clock = MovableClock(at("2026-01-15T05:59:00Z"))  // 06:59 in Stockholm
        let app = try await TestApp.make { $0.clock = clock }
        // Never scanned: the latest scan time is yesterday's 07:00, caught up now.
        #expect(await scanner(app, clock).scanIfDue()?.day == LocalDate("2026-01-14"))
        #expect(await scanner(app, clock).scanIfDue() == nil)
        clock.set(at("2026-01-15T06:00:00Z"))
        let today = await scanner(app, clock).scanIfDue()
        #expect(today?.day == LocalDate("2026-01-15") && today?.since == LocalDate("2026-01-14"))
        clock.set(at("2026-01-15T16:00:00Z"))
        #expect(await scanner(app, clock).scanIfDue() == nil)
        clock.set(at("2026-01-17T06:30:00Z"))  // two days later: the 16th was missed
        let caughtUp = await scanner(app, clock).scanIfDue()
        #expect(caughtUp?.day == LocalDate("2026-01-17") && caughtUp?.since == LocalDate("2026-01-15"))
    }

    @Test func aPassedAcknowledgementDeadlineReachesAWebhookSubscriptionThroughTheOutbox() async throws {
        let clock = MovableClock(at("2026-01-15T06:30:00Z"))
        let app = try await TestApp.make {
            $0.clock = clock
            $0.klagomalAcknowledgement = KlagomalAcknowledgement(workingDays: 1)!
        }
        try await app.run { client in
            let hook = try await client.send(
                .post, "/api/v1/webhooks",
                json: #"{"url":"https://hooks.kommun.se/kvalitet","eventKinds":["deadline.passed"]}"#)
            let id = try #require(hook.json["id"] as? String)
            // Received Monday 12 January 2026, due Tuesday 13 January under a one-working-day routine.
            let complaint = Family.klagomal.body.replacingOccurrences(of: "2025-03-02", with: "2026-01-12")
            #expect(try await client.create(Family.klagomal.collection, complaint).status == .created)
            #expect(await scanner(app, clock).scanIfDue()?.passed == 1)
            _ = try await WebhookQueue(app.services.database, retry: .standard).fanOut()
            let deliveries = try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries")
            #expect(deliveries.items.map { $0["eventKind"] as? String } == ["deadline.passed"])
            #expect(deliveries.items.first?["recordId"] as? String == "KLG-2026-0001")
        }
    }
}
