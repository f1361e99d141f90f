import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
import KvalitetStorage
import Testing

@testable import KvalitetServer

@Suite("Signing in through the identity provider, over HTTP")
struct SignInHTTPTests {
    @Test func aSignedInPersonsReadIsAuditedByNameAndClientAndFoundByPerson() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let id = try await client.createAvvikelse()
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)", as: "person-kvalitet").status == .ok)
            let audit = try await client.send(.get, "/api/v1/audit?person=s-kvalitet", as: "person-admin")
            #expect(audit.status == .ok && audit.items.count == 1)
            let entry = audit.items.first ?? [:]
            #expect(entry["action"] as? String == "read" && entry["recordId"] as? String == id)
            #expect((entry["person"] as? [String: Any])?["displayName"] as? String == "Anna Berg")
            #expect(entry["client"] as? String == "kvalitet-webb" && entry["token"] as? String == "sub:s-kvalitet")
        }
    }

    @Test func aRecordShowsThePersonWhoCreatedIt() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let id = try await client.createAvvikelse(as: "person-kvalitet")
            #expect(
                try await client.send(.get, "/api/v1/avvikelser/\(id)").json["createdBy"] as? String
                    == "sub:s-kvalitet")
        }
    }

    @Test func aFailedCheckIsA401NamingItInWWWAuthenticate() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let reply = try await client.send(.get, "/api/v1/verksamheter", as: "jwt-wrong-audience")
            #expect(reply.status == .unauthorized && reply.isProblem)
            let challenge = reply.headers[.wwwAuthenticate] ?? ""
            #expect(
                challenge.contains(#"error="invalid_token""#)
                    && challenge.contains("error_description=\"the audience (aud)"))
            let expired = try await client.send(.get, "/api/v1/verksamheter", as: "jwt-expired")
            #expect(expired.status == .unauthorized && (expired.headers[.wwwAuthenticate] ?? "").contains("(exp)"))
        }
    }

    @Test func aValidTokenWithoutAMappedRoleIs403() async throws {
        var app = try await TestApp.makeWithSignIn()
        let key = try await OIDCFixture.sharedECKey()
        app.tokens["nobody"] = try await OIDCFixture.sign(
            OIDCFixture.claims(now: TestApp.noon, roles: ["Ekonomi"]), with: key)
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/verksamheter", as: "nobody")
            #expect(reply.status == .forbidden && reply.body.contains("no value in the roles claim"))
        }
    }

    @Test func anUnreachableProviderLeavesApiTokensWorkingAndAnswers503ToJWTs() async throws {
        let fixture = OIDCFixture()
        let app = try await TestApp.makeWithSignIn(fixture: fixture)
        fixture.fetcher.setFailing(true)
        try await app.run { client in
            #expect(try await client.send(.get, "/api/v1/verksamheter", as: "admin").status == .ok)
            let reply = try await client.send(.get, "/api/v1/verksamheter", as: "person-admin")
            #expect(reply.status == .serviceUnavailable && reply.body.contains("urn:kvalitet:problem:idp-unavailable"))
            #expect(reply.headers[.retryAfter] == "30")
        }
    }

    @Test func anExpiredApiTokenIsA401SayingItExpired() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let reply = try await client.send(.get, "/api/v1/verksamheter", as: "token-expired")
            #expect(reply.status == .unauthorized && reply.body.contains("the token expired expired at"))
        }
    }

    @Test func failedAuthenticationsAreAuditedWithAddressAndReasonButNoTokenMaterial() async throws {
        let app = try await TestApp.makeWithSignIn()
        try await app.run { client in
            _ = try await client.send(.get, "/api/v1/verksamheter", as: "jwt-expired")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer kv_not-a-real-token"
            _ = try await client.send(.get, "/api/v1/verksamheter", as: nil, headers: headers)
            let failures = try await app.services.audit.entries(AuditQuery(action: .authFailure))
            #expect(failures.count == 2)
            #expect(failures.allSatisfy { $0.clientAddress != nil && $0.personSubject == nil })
            #expect(failures.contains { $0.detail == "the token is unknown or revoked" })
            #expect(failures.contains { $0.detail?.contains("(exp)") == true })
            let text = failures.map { "\($0.detail ?? "") \($0.tokenName)" }.joined()
            #expect(!text.contains("kv_not-a-real-token") && !text.contains(app.tokens["jwt-expired"] ?? "-"))
        }
    }

    @Test func tooManyFailuresFromOneAddressAnswer429WithRetryAfter() async throws {
        let app = try await TestApp.makeWithSignIn { $0.authFailuresPerMinute = 3 }
        try await app.run { client in
            for _ in 1...3 {
                #expect(
                    try await client.send(.get, "/api/v1/verksamheter", as: "jwt-wrong-audience").status
                        == .unauthorized)
            }
            let held = try await client.send(.get, "/api/v1/verksamheter", as: "admin")
            #expect(held.status == .tooManyRequests && held.isProblem)
            #expect(Int(held.headers[.retryAfter] ?? "") == 60)
            #expect(try await client.send(.get, "/health", as: nil).status == .ok)
        }
    }

    @Test func aSignedInRapportorReadsAndListsOnlyTheRecordsTheyCreated() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let mine = try await client.createAvvikelse(as: "person-rapportor")
            let theirs = try await client.createAvvikelse()
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(mine)", as: "person-rapportor").status == .ok)
            #expect(
                try await client.send(.get, "/api/v1/avvikelser/\(theirs)", as: "person-rapportor").status == .notFound
            )
            let list = try await client.send(.get, "/api/v1/avvikelser", as: "person-rapportor")
            #expect(list.items.map { $0["id"] as? String } == [mine])
            #expect(
                try await client.send(.get, "/api/v1/avvikelser/\(mine)/history", as: "person-rapportor").status
                    == .forbidden)
        }
    }

    @Test func aLexSarahNoteBySignedInPersonTakesNameAndTitleFromTheIdentity() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let created = try await client.send(
                .post, "/api/v1/lex-sarah", as: "admin",
                json:
                    #"{"unitId":"vuxen","title":"T","reportedOn":"2025-03-02","reporterRole":"anstalld","#
                        + #""kinds":["rojd_sekretess"]}"#
            )
            let path = "/api/v1/lex-sarah/\(created.json["id"] as? String ?? "")/notes"
            let note = #"{"documentedOn":"2025-03-04","source":"Intervju","kind":"faktum","text":"T"}"#
            let reply = try await client.send(.post, path, as: "person-kvalitet", json: note)
            #expect(reply.status == .created, "\(reply.body)")
            let written = (reply.json["notes"] as? [[String: Any]])?.last ?? [:]
            #expect(
                written["authorName"] as? String == "Anna Berg"
                    && written["authorTitle"] as? String == "Socialsekreterare")
            let other =
                #"{"documentedOn":"2025-03-04","source":"Intervju","kind":"faktum","authorName":"Bo Ek","text":"T"}"#
            let refused = try await client.send(.post, path, as: "person-kvalitet", json: other)
            #expect(refused.status == .unprocessableContent && refused.pointers == ["/authorName"])
            #expect(try await client.send(.post, path, as: "admin", json: note).pointers.contains("/authorName"))
        }
    }
}
