import Foundation
import KvalitetDomain
import Testing

@Suite("Webhook targets and retries")
struct WebhookRulesTests {
    @Test(arguments: ["https://hooks.kommun.se/kvalitet", "http://127.0.0.1:9000/hook", "http://localhost/x",
                      "http://[::1]:8080/", "HTTPS://Example.org/"])
    func httpsAnywhereAndHttpOnlyToLoopbackAreAccepted(_ url: String) {
        #expect(WebhookSubscription.checkURL(url) == nil)
    }

    @Test(arguments: ["http://hooks.kommun.se/kvalitet", "http://10.0.0.1/", "ftp://127.0.0.1/", "hooks.kommun.se",
                      "https://user:pass@hooks.kommun.se/", "http://127.0.0.1.evil.se/", ""])
    func anythingElseIsRefusedAtTheUrlPointer(_ url: String) {
        #expect(WebhookSubscription.checkURL(url)?.pointer == "/url")
    }

    @Test func retriesDoubleFromThirtySecondsToTwoHoursApart() {
        let start = Date(timeIntervalSince1970: 0)
        let delays = (1...10).map { WebhookRetry.standard.nextAttempt(after: $0, at: start, firstDueAt: start)! }
            .map(\.timeIntervalSince1970)
        #expect(delays == [30, 60, 120, 240, 480, 960, 1920, 3840, 7200, 7200])
    }

    @Test func aDeliveryFailsOnceItsNextAttemptWouldFallPastTwentyFourHours() {
        let first = Date(timeIntervalSince1970: 0)
        let late = first.addingTimeInterval(86_400 - 7200)
        #expect(WebhookRetry.standard.nextAttempt(after: 12, at: late, firstDueAt: first) != nil)
        #expect(WebhookRetry.standard.nextAttempt(after: 12, at: late.addingTimeInterval(1), firstDueAt: first) == nil)
    }

    @Test func aSubscriptionTakesItsKindsWithinItsUnitSubtree() {
        let subscription = WebhookSubscription(
            id: "wh_1", url: "https://x.se/", eventKinds: [.recordCreated], unitId: "ifo", createdAt: Date(),
            createdBy: "admin")
        #expect(subscription.wants("record.created", unitIds: ["ifo-utr"], subtree: ["ifo", "ifo-utr"]))
        #expect(!subscription.wants("record.created", unitIds: ["vuxen"], subtree: ["ifo", "ifo-utr"]))
        #expect(!subscription.wants("record.status_changed", unitIds: ["ifo"], subtree: ["ifo", "ifo-utr"]))
    }
}
