import Foundation
import Hummingbird
import KvalitetDomain
@testable import KvalitetServer
import Testing

@Suite("Webhook subscriptions over HTTP")
struct WebhookRoutesTests {
    static let body = #"{"url":"https://hooks.kommun.se/kvalitet","eventKinds":["record.created"],"unitId":"ifo"}"#

    @Test func signaturesMatchTheStandardWebhooksSpecificationsExample() {
        // libraries/go/webhook_test.go (TestWebhookSign) of standard-webhooks/standard-webhooks.
        let signature = StandardWebhooks.signature(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", messageId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func anAdminCreatesASubscriptionAndSeesItsSecretOnlyInTheCreateAnswer() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let created = try await client.send(.post, "/api/v1/webhooks", json: Self.body)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/webhooks/\(id)")
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
            #expect(created.json["eventKinds"] as? [String] == ["record.created"])
            let read = try await client.send(.get, "/api/v1/webhooks/\(id)")
            #expect(read.status == .ok && read.json["secret"] == nil && read.json["unitId"] as? String == "ifo")
            let list = try await client.send(.get, "/api/v1/webhooks")
            #expect(list.items.map { $0["id"] as? String } == [id] && !list.body.contains("whsec_"))
            #expect(try await client.send(.delete, "/api/v1/webhooks/\(id)").status == .noContent)
            #expect(try await client.send(.get, "/api/v1/webhooks/\(id)").status == .notFound)
        }
    }

    @Test func plainHttpBeyondLoopbackUnknownKindsAndUnknownUnitsAreRefusedWithPointers() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let bad = try await client.send(
                .post, "/api/v1/webhooks",
                json: #"{"url":"http://hooks.kommun.se/","eventKinds":["record.created","record.read"],"extra":1}"#)
            #expect(bad.status == .unprocessableContent && bad.isProblem)
            #expect(Set(bad.pointers) == ["/url", "/eventKinds/1", "/extra"])
            let unit = try await client.send(
                .post, "/api/v1/webhooks", json: #"{"url":"https://x.se/","eventKinds":["record.created"],"unitId":"nej"}"#)
            #expect(unit.status == .unprocessableContent && unit.pointers == ["/unitId"])
            #expect(try await client.send(.get, "/api/v1/webhooks").items.isEmpty)
        }
    }

    @Test func onlyAdminsManageWebhooks() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            for role in ["kvalitet", "lasare", "rapportor"] {
                let list = try await client.send(.get, "/api/v1/webhooks", as: role)
                let create = try await client.send(.post, "/api/v1/webhooks", as: role, json: Self.body)
                #expect(list.status == .forbidden && create.status == .forbidden, "\(role)")
            }
        }
    }
}
