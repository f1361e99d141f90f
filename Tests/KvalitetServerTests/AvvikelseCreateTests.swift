import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Creating kvalitetsavvikelser over HTTP")
struct AvvikelseCreateTests {
    @Test func aCreateAnswers201WithTheStoredRecordLocationAndETag() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: """
                {"unitId":"ifo-utr","title":"Journal saknades","receivedOn":"2025-03-02","occurredOn":"2025-02-28",
                 "category":"dokumentation","measures":[{"description":"Rutin ses över","dueOn":"2025-04-01"}]}
                """)
            #expect(reply.status == .created)
            #expect(reply.headers[.location] == "/api/v1/avvikelser/AVV-2025-0001")
            #expect(reply.headers[.eTag] == "\"1\"")
            #expect(reply.json["id"] as? String == "AVV-2025-0001")
            #expect(reply.json["status"] as? String == "inkommen")
            #expect(reply.json["lagrum"] as? String == "sol")
            #expect(reply.json["createdBy"] as? String == "admin")
            #expect(reply.json["voided"] is NSNull)
            let stored = try await client.send(.get, "/api/v1/avvikelser/AVV-2025-0001")
            #expect(stored.status == .ok)
            #expect(stored.body == reply.body)
        }
    }

    @Test func everyValidationProblemIsReportedAtOnceWithPointers() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: """
                {"title":"","receivedOn":"2026-02-01","occurredOn":"2026-03-01","category":"fel","rootCauses":["okand"],
                 "measures":[{"responsible":"x"}],"lagrum":5}
                """)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.isProblem)
            #expect(Set(reply.pointers) == ["/unitId", "/title", "/receivedOn", "/occurredOn", "/category", "/rootCauses/0",
                                            "/measures/0/description", "/lagrum"])
            let list = try await client.send(.get, "/api/v1/avvikelser")
            #expect(list.items.isEmpty)
        }
    }

    @Test func unknownAndReadOnlyFieldsAreRejectedNotDropped() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: """
                {"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"dokumentation","titel":"typo","status":"avslutad","closedOn":"2025-03-03"}
                """)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/titel", "/status", "/closedOn"])
        }
    }

    @Test func malformedJSONAndDuplicateKeysAre400() async throws {
        try await TestApp.make().run { client in
            for body in [#"{"unitId": "#, #"{"a":1,"a":2}"#, "[1,2", #"{"title":"\ud800"}"#] {
                let reply = try await client.send(.post, "/api/v1/avvikelser", json: body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(reply.isProblem)
            }
        }
    }

    @Test func aBodyThatIsNotAnObjectIs422() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: "[]")
            #expect(reply.status == .unprocessableContent)
        }
    }

    @Test func aWrongContentTypeIs415() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: "{}", contentType: "text/plain")
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.isProblem)
        }
    }

    @Test func aBodyOverOneMebibyteIs413() async throws {
        try await TestApp.make().run { client in
            let huge = #"{"title":""# + String(repeating: "a", count: 1 << 20) + #""}"#
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: huge)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.isProblem)
        }
    }

    @Test func aUnitThatIsClosedOnTheReceivedDateIsRefused() async throws {
        try await TestApp.make().run { client in
            try await client.send(.put, "/api/v1/verksamheter/gamla", json: #"{"name":"Gamla","level":"sektion","parentId":"vuxen","closedOn":"2024-12-31"}"#)
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: """
                {"unitId":"gamla","title":"T","receivedOn":"2025-03-02","category":"dokumentation"}
                """)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/unitId"])
        }
    }

    @Test func theSameIdempotencyKeyAndBodyReturnTheOriginalResponseOnce() async throws {
        try await TestApp.make().run { client in
            let body = #"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"dokumentation"}"#
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "form-123"]
            let first = try await client.send(.post, "/api/v1/avvikelser", json: body, headers: key)
            let second = try await client.send(.post, "/api/v1/avvikelser", json: body, headers: key)
            #expect(first.status == .created && second.status == .created)
            #expect(first.body == second.body)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await client.send(.post, "/api/v1/avvikelser", json: body.replacingOccurrences(of: "\"T\"", with: "\"U\""), headers: key)
            #expect(other.status == .unprocessableContent)
            let list = try await client.send(.get, "/api/v1/avvikelser")
            #expect(list.items.count == 1)
        }
    }

    @Test func kodverkListsEveryAvvikelseCodeWithItsSwedishLabel() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", as: "lasare")
            #expect(reply.status == .ok)
            let categories = reply.json["avvikelseKategori"] as? [[String: String]] ?? []
            #expect(categories.count == 9)
            #expect(categories.contains { $0["code"] == "utforande_av_insats" && $0["label"] == "Utförande av insats" })
            for list in ["orsak", "lagrum", "avvikelseStatus", "roll", "niva"] { #expect(reply.json[list] != nil, "\(list)") }
        }
    }
}
