import HTTPTypes
import Hummingbird
import KvalitetServer
import KvalitetStorage
import Testing

@Suite("Health and authentication")
struct HealthAndAuthTests {
    @Test func healthAnswersWithoutATokenWhenTheDatabaseAnswers() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/health", as: nil)
            #expect(reply.status == .ok)
            #expect(reply.body == #"{"status":"ok","version":"\#(KvalitetVersion.current)","schemaVersion":\#(Migrations.binaryVersion)}"#)
        }
    }

    @Test func everyOtherRouteNeedsABearerToken() async throws {
        try await TestApp.make().run { client in
            for path in ["/api/v1/avvikelser", "/api/v1/verksamheter", "/api/v1/kodverk", "/api/v1/audit"] {
                let reply = try await client.send(.get, path, as: nil)
                #expect(reply.status == .unauthorized, "\(path)")
                #expect(reply.isProblem)
                #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
        }
    }

    @Test func anUnknownTokenIsRefused() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", as: nil, headers: [.authorization: "Bearer kv_not-a-token"])
            #expect(reply.status == .unauthorized)
            #expect(reply.json["detail"] as? String == "the token is unknown or revoked")
        }
    }

    @Test func aRevokedTokenIsRefusedAtOnce() async throws {
        let app = try await TestApp.make()
        try await app.services.tokens.revoke(name: "kvalitet", by: .init(tokenName: "t", role: .admin, unitScope: nil))
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/avvikelser", as: "kvalitet")
            #expect(reply.status == .unauthorized)
        }
    }

    @Test func everyAnswerCarriesARequestIdAndErrorsAreProblemJSON() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/no-such-thing")
            #expect(reply.status == .notFound)
            #expect(reply.isProblem)
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == reply.json["requestId"] as? String)
            #expect(reply.json["type"] as? String == "urn:kvalitet:problem:not-found")
        }
    }
}
