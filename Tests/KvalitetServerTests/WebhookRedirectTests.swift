import Foundation
@testable import KvalitetServer
import Testing

/// A receiver that answers a redirect is not the receiver: the attempt fails with the 3xx and the
/// redirect's target never gets the signed message (nor does an OpenID fetch follow one). Otherwise an
/// https:// subscription could send its messages on to a plain-http address that is not loopback.
@Suite("Webhook and fetch redirects")
struct WebhookRedirectTests {
    @Test func aWebhookReceiverAnsweringARedirectIsAFailedAttemptAndItsTargetIsNeverPosted() async throws {
        let receiver = try RedirectReceiver()
        defer { receiver.stop() }
        let outcome = await URLSessionWebhookSender(timeout: 5).post(
            receiver.base + "/moved", headers: ["webhook-id": "msg_1"], body: Array(#"{"type":"x"}"#.utf8))
        #expect(outcome == .refused(status: 307, reason: "http_status"))
        #expect(receiver.reached.isEmpty)
    }

    @Test func theSameReceiverWithoutARedirectGetsTheMessage() async throws {
        let receiver = try RedirectReceiver()
        defer { receiver.stop() }
        let outcome = await URLSessionWebhookSender(timeout: 5).post(
            receiver.base + "/target", headers: ["webhook-id": "msg_1"], body: Array(#"{"type":"x"}"#.utf8))
        #expect(outcome == .delivered(status: 204))
        #expect(receiver.reached == ["/target"])
    }

    @Test func anOpenIDFetchAnsweredWithARedirectFailsWithoutFollowingIt() async throws {
        let receiver = try RedirectReceiver()
        defer { receiver.stop() }
        let error = await #expect(throws: HTTPFetchError.self) {
            _ = try await URLSessionFetcher(timeout: 5).get(try #require(URL(string: receiver.base + "/moved")))
        }
        #expect(error?.reason == "HTTP 307")
        #expect(receiver.reached.isEmpty)
        let document = try await URLSessionFetcher(timeout: 5).get(try #require(URL(string: receiver.base + "/target")))
        #expect(String(decoding: document, as: UTF8.self) == "{}")
    }

    @Test func anAdminSeesTheRedirectAsTheDeliverysLastStatusAndItsTargetIsNeverPosted() async throws {
        let receiver = try RedirectReceiver()
        defer { receiver.stop() }
        let app = try await TestApp.make { config in
            config.clock = MovableClock(TestApp.noon)
            config.webhookInterval = .milliseconds(20)
            config.webhookSender = URLSessionWebhookSender(timeout: 5)
        }
        try await app.run { client in
            let created = try await client.send(
                .post, "/api/v1/webhooks",
                json: #"{"url":"\#(receiver.base)/moved","eventKinds":["record.created"]}"#)
            let hook = try #require(created.json["id"] as? String)
            _ = try await client.createAvvikelse()
            let deliveries = try await WebhookDeliveryTests.deliveries(client, hook) { items in
                items.first?["lastStatus"] as? Int != nil
            }
            let delivery = try #require(deliveries.first)
            #expect(delivery["state"] as? String == "pending")
            #expect(delivery["lastStatus"] as? Int == 307 && delivery["lastError"] as? String == "http_status")
            #expect(receiver.reached.isEmpty)
        }
    }
}
