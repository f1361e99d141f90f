import Foundation
import Hummingbird
import HummingbirdTesting
import KvalitetDomain
@testable import KvalitetServer
import Logging
import Synchronization
import Testing

/// A webhook receiver on 127.0.0.1 (a free port) in the test process: it keeps every message it
/// gets and answers 503 to the first `failFirst` ones, or to all while `refusing` is set.
final class WebhookReceiver: Sendable {
    struct Message: Sendable {
        let id: String
        let timestamp: String
        let signature: String
        let body: [UInt8]
        let answered: Int
        var type: String { (json["type"] as? String) ?? "" }
        var recordId: String { ((json["data"] as? [String: Any])?["recordId"] as? String) ?? "" }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    let messages = Mutex<[Message]>([])
    let failFirst: Int
    let refusing = Mutex(false)

    init(failFirst: Int) { self.failFirst = failFirst }

    var received: [Message] { messages.withLock { $0 } }

    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let (id, timestamp, signature) = (
                WebhookReceiver.header(request, "webhook-id"), WebhookReceiver.header(request, "webhook-timestamp"),
                WebhookReceiver.header(request, "webhook-signature"))
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let status: HTTPResponse.Status = self.messages.withLock { messages in
                let refuse = messages.count < self.failFirst || self.refusing.withLock { $0 }
                messages.append(
                    Message(
                        id: id, timestamp: timestamp, signature: signature, body: bytes,
                        answered: refuse ? 503 : 204))
                return refuse ? .serviceUnavailable : .noContent
            }
            return Response(status: status)
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "webhook-receiver"))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))/hook")
        }
    }

    static func header(_ request: Request, _ name: String) -> String {
        request.headers.first { $0.name.canonicalName == name }?.value ?? ""
    }

    /// Whether a message's signature verifies under `secret` (Standard Webhooks v1).
    static func verifies(_ message: Message, secret: String) -> Bool {
        guard let timestamp = Int64(message.timestamp) else { return false }
        return StandardWebhooks.signature(secret: secret, messageId: message.id, timestamp: timestamp, body: message.body)
            == message.signature
    }
}

@Suite("Webhook deliveries end to end")
struct WebhookDeliveryTests {
    /// Moves the test's clock a step at a time (so retries fall due) until `done` or 20 s have passed.
    static func wait(clock: MovableClock, step: TimeInterval, until done: @Sendable () -> Bool) async throws {
        for _ in 0..<400 where !done() {
            clock.set(clock.now().addingTimeInterval(step))
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Reads a subscription's deliveries until `done` holds for them (their outcome is recorded just
    /// after the receiver answered) or 20 s have passed.
    static func deliveries(
        _ client: TestApp.Client, _ hook: String, until done: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        for _ in 0..<400 {
            items = try await client.send(.get, "/api/v1/webhooks/\(hook)/deliveries").items
            if done(items) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return items
    }

    @Test func signedMessagesArriveInOrderPerRecordAfterTheReceiverRefusedTheFirstAttempts() async throws {
        let clock = MovableClock(TestApp.noon)
        let app = try await TestApp.make { config in
            config.clock = clock
            config.webhookInterval = .milliseconds(20)
        }
        let receiver = WebhookReceiver(failFirst: 2)
        try await receiver.run { url in
            try await app.run { client in
                let created = try await client.send(
                    .post, "/api/v1/webhooks",
                    json: #"{"url":"\#(url)","eventKinds":["record.created","record.status_changed"],"unitId":"ifo"}"#)
                let secret = try #require(created.json["secret"] as? String)
                let hook = try #require(created.json["id"] as? String)
                let id = try await client.createAvvikelse()
                _ = try await client.createAvvikelse(unit: "vuxen")  // outside the subtree: never sent
                try await client.send(
                    .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"under_utredning"}"#,
                    headers: [.ifMatch: "\"1\""])
                try await Self.wait(clock: clock, step: 20) { receiver.received.count >= 4 }
                let messages = receiver.received
                #expect(messages.map(\.answered) == [503, 503, 204, 204])
                #expect(messages.map(\.type) == ["record.created", "record.created", "record.created",
                                                  "record.status_changed"])
                #expect(Set(messages.map(\.recordId)) == [id])
                #expect(Set(messages.prefix(3).map(\.id)).count == 1 && messages[3].id != messages[0].id)
                #expect(messages.allSatisfy { WebhookReceiver.verifies($0, secret: secret) })
                let data = try #require(messages[3].json["data"] as? [String: Any])
                #expect(data["previousStatus"] as? String == "inkommen" && data["status"] as? String == "under_utredning")
                #expect(data["link"] as? String == "/api/v1/avvikelser/\(id)" && data["title"] == nil)
                let deliveries = try await Self.deliveries(client, hook) { items in
                    items.count == 2 && items.allSatisfy { $0["state"] as? String == "delivered" }
                }
                #expect(deliveries.map { $0["state"] as? String } == ["delivered", "delivered"])
                #expect(deliveries.map { $0["attempts"] as? Int } == [1, 3])
            }
        }
    }

    @Test func aDeliveryRefusedForTwentyFourHoursIsFailedListedAndAnAdminsRetryDeliversIt() async throws {
        let clock = MovableClock(TestApp.noon)
        let app = try await TestApp.make { config in
            config.clock = clock
            config.webhookInterval = .milliseconds(20)
        }
        let receiver = WebhookReceiver(failFirst: 0)
        receiver.refusing.withLock { $0 = true }
        try await receiver.run { url in
            try await app.run { client in
                let created = try await client.send(
                    .post, "/api/v1/webhooks", json: #"{"url":"\#(url)","eventKinds":["record.created"]}"#)
                let hook = try #require(created.json["id"] as? String)
                _ = try await client.createAvvikelse()
                let failed = "/api/v1/webhooks/\(hook)/deliveries?state=failed"
                // Two-hour steps: 24 hours of backoff pass in a few dozen rounds.
                for _ in 0..<400 {
                    if try await client.send(.get, failed).items.count == 1 { break }
                    clock.set(clock.now().addingTimeInterval(1800))
                    try await Task.sleep(for: .milliseconds(50))
                }
                let listed = try await client.send(.get, failed).items
                #expect(listed.count == 1)
                let delivery = try #require(listed.first)
                #expect(delivery["lastStatus"] as? Int == 503 && delivery["lastError"] as? String == "http_status")
                #expect((delivery["attempts"] as? Int ?? 0) > 5)
                let attempts = receiver.received.count
                receiver.refusing.withLock { $0 = false }
                let deliveryId = try #require(delivery["id"] as? Int)
                let retried = try await client.send(.post, "/api/v1/webhooks/\(hook)/deliveries/\(deliveryId)/retry")
                #expect(retried.status == .ok && retried.json["state"] as? String == "pending")
                try await Self.wait(clock: clock, step: 1) { receiver.received.count > attempts }
                let after = try await Self.deliveries(client, hook) { $0.first?["state"] as? String == "delivered" }
                #expect(after.first?["state"] as? String == "delivered")
                let again = try await client.send(.post, "/api/v1/webhooks/\(hook)/deliveries/\(deliveryId)/retry")
                #expect(again.status == .conflict)
            }
        }
    }
}
