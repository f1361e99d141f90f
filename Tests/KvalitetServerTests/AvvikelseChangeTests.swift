import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Changing kvalitetsavvikelser over HTTP")
struct AvvikelseChangeTests {
    let path = "/api/v1/avvikelser/AVV-2025-0001"

    @Test func aPatchWithoutIfMatchIs428AndChangesNothing() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let reply = try await client.send(.patch, path, json: #"{"title":"Ny"}"#, contentType: "application/merge-patch+json")
            #expect(reply.status == .preconditionRequired)
            let stored = try await client.send(.get, path)
            #expect(stored.json["title"] as? String == "Journal saknades")
        }
    }

    @Test func aStaleIfMatchIs412AndChangesNothing() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            _ = try await client.send(.patch, path, json: #"{"title":"Ett"}"#, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            let reply = try await client.send(.patch, path, json: #"{"title":"Två"}"#, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .preconditionFailed)
            #expect(reply.headers[.eTag] == "\"2\"")
            let stored = try await client.send(.get, path)
            #expect(stored.json["title"] as? String == "Ett")
        }
    }

    @Test func aMergePatchReplacesSetsAndRemovesFields() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse(#","occurredOn":"2025-03-01""#)
            let reply = try await client.send(.patch, path, json: #"{"occurredOn":null,"rootCauses":["arbetsmiljo"],"description":"Mer"}"#,
                                              contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .ok)
            #expect(reply.headers[.eTag] == "\"2\"")
            #expect(reply.json["occurredOn"] is NSNull)
            #expect(reply.json["rootCauses"] as? [String] == ["arbetsmiljo"])
            #expect(reply.json["description"] as? String == "Mer")
            #expect(reply.json["title"] as? String == "Journal saknades")
        }
    }

    @Test func aPatchMayNotTouchStatusOrTransitionFields() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let reply = try await client.send(.patch, path, json: #"{"status":"avslutad","closedOn":"2025-04-01","version":9}"#,
                                              contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/status", "/closedOn", "/version"])
        }
    }

    @Test func anIllegalStepIs409WithTheRule() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let reply = try await client.send(.post, path + "/transitions", json: #"{"to":"avslutad","closedOn":"2025-04-01"}"#, headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .conflict)
            #expect((reply.json["detail"] as? String)?.contains("no step from inkommen to avslutad") == true)
            let stored = try await client.send(.get, path)
            #expect(stored.json["status"] as? String == "inkommen")
        }
    }

    @Test func closingNeedsClosedOnAndARootCause() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            try await client.send(.post, path + "/transitions", json: #"{"to":"under_utredning"}"#, headers: [.ifMatch: "\"1\""])
            let missing = try await client.send(.post, path + "/transitions", json: #"{"to":"avslutad"}"#, headers: [.ifMatch: "\"2\""])
            #expect(missing.status == .conflict)
            #expect(Set(missing.pointers) == ["/closedOn", "/rootCauses"])
            let early = try await client.send(.post, path + "/transitions", json: #"{"to":"avslutad","closedOn":"2025-03-01","rootCauses":["ovrigt"]}"#,
                                              headers: [.ifMatch: "\"2\""])
            #expect(early.status == .unprocessableContent)
            #expect(early.pointers == ["/closedOn"])
            let closed = try await client.send(.post, path + "/transitions", json: #"{"to":"avslutad","closedOn":"2025-04-01","rootCauses":["ovrigt"]}"#,
                                               headers: [.ifMatch: "\"2\""])
            #expect(closed.status == .ok)
            #expect(closed.json["status"] as? String == "avslutad")
            #expect(closed.json["closedOn"] as? String == "2025-04-01")
            #expect(closed.headers[.eTag] == "\"3\"")
        }
    }

    @Test func aClosedAvvikelseCannotLoseItsRootCauses() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            try await client.send(.post, path + "/transitions", json: #"{"to":"under_utredning"}"#, headers: [.ifMatch: "\"1\""])
            try await client.send(.post, path + "/transitions", json: #"{"to":"avslutad","closedOn":"2025-04-01","rootCauses":["ovrigt"]}"#, headers: [.ifMatch: "\"2\""])
            let reply = try await client.send(.patch, path, json: #"{"rootCauses":[]}"#, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"3\""])
            #expect(reply.status == .conflict)
            #expect(reply.pointers == ["/rootCauses"])
        }
    }

    @Test func voidingNeedsAReasonKeepsTheNumberAndHidesTheRecordFromLists() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let noReason = try await client.send(.delete, path, headers: [.ifMatch: "\"1\""])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.pointers == ["/reason"])
            let voided = try await client.send(.delete, path, json: #"{"reason":"dubblett"}"#, headers: [.ifMatch: "\"1\""])
            #expect(voided.status == .ok)
            let voidInfo = voided.json["voided"] as? [String: String]
            #expect(voidInfo == ["on": "2026-01-15", "reason": "dubblett", "by": "admin"])
            #expect(try await client.send(.get, "/api/v1/avvikelser").items.isEmpty)
            #expect(try await client.send(.get, "/api/v1/avvikelser?includeVoided=true").items.count == 1)
            let again = try await client.send(.delete, path + "?reason=igen", headers: [.ifMatch: "\"2\""])
            #expect(again.status == .conflict)
            let next = try await client.createAvvikelse()
            #expect(next == "AVV-2025-0002")
        }
    }

    @Test func historyHasEveryVersionWithWhoChangedWhat() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            try await client.send(.patch, path, json: #"{"title":"Ändrad"}"#, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            try await client.send(.post, path + "/transitions", as: "kvalitet", json: #"{"to":"under_utredning"}"#, headers: [.ifMatch: "\"2\""])
            let reply = try await client.send(.get, path + "/history")
            #expect(reply.status == .ok)
            #expect(reply.items.map { $0["version"] as? Int } == [1, 2, 3])
            #expect(reply.items.map { $0["action"] as? String } == ["create", "update", "transition"])
            #expect(reply.items.map { $0["changedBy"] as? String } == ["admin", "admin", "kvalitet"])
            #expect(reply.items[1]["changedFields"] as? [String] == ["title"])
            #expect(reply.items[2]["changedFields"] as? [String] == ["status"])
        }
    }

    @Test func anUnknownOrMalformedIdIs404() async throws {
        try await TestApp.make().run { client in
            // An encoded / is a 400 of its own (ClientRequestTests); "..%2E" decodes to "...".
            for id in ["AVV-2025-0009", "AVV-2025-1", "KLG-2025-0001", "..%2E", "AVV-2025-0001'--"] {
                let reply = try await client.send(.get, "/api/v1/avvikelser/\(id)")
                #expect(reply.status == .notFound, "\(id)")
            }
        }
    }
}
