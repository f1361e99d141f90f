import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Klagomål och synpunkter over HTTP")
struct KlagomalHTTPTests {
    let family = Family.klagomal
    let path = "/api/v1/klagomal/KLG-2025-0001"

    func body(_ extra: String) -> String { String(family.body.dropLast()) + extra + "}" }

    @Test func aComplaintIsReturnedWithEveryField() async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(family.collection, body(#","acknowledgedOn":"2025-03-03","measures":[{"description":"Samtal"}]"#))
            #expect(created.json["status"] as? String == "inkommen")
            #expect(created.json["source"] as? String == "utomstaende")
            #expect(created.json["acknowledgedOn"] as? String == "2025-03-03")
            #expect(created.json["respondedOn"] is NSNull)
            #expect(created.json["closedOn"] is NSNull)
            #expect(created.json["outcome"] is NSNull)
            #expect((created.json["measures"] as? [[String: Any]])?.first?["description"] as? String == "Samtal")
        }
    }

    @Test func anAnonymousComplaintCannotBeAnsweredAndNothingIsStored() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection,
                                              json: body(#","respondedOn":"2025-03-10""#).replacingOccurrences(of: "brukare", with: "anonym"))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/respondedOn"])
            #expect(try await client.send(.get, family.collection).items.isEmpty)
        }
    }

    @Test func makingAnAnsweredComplaintAnonymousIsRefused() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(#","respondedOn":"2025-03-10""#))
            let reply = try await client.patch(path, #"{"submitter":"anonym"}"#, version: 1)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/respondedOn"])
            #expect(try await client.stored(path)["submitter"] as? String == "brukare")
        }
    }

    @Test func datesInTheFutureOrBeforeReceivingAreRefusedTogether() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection, json: body(#","acknowledgedOn":"2025-03-01","respondedOn":"2026-02-01""#))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/acknowledgedOn", "/respondedOn"])
        }
    }

    @Test func aStaffComplaintMustNameStaffAsSubmitter() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection, json: family.body.replacingOccurrences(of: "utomstaende", with: "personal"))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/submitter"])
        }
    }

    @Test func closedOnAndOutcomeAreSetOnlyByTheClosingStep() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            let patch = try await client.patch(path, #"{"outcome":"ingen_avvikelse","closedOn":"2025-04-01"}"#, version: 1)
            #expect(patch.status == .unprocessableContent)
            #expect(Set(patch.pointers) == ["/outcome", "/closedOn"])
            let created = try await client.send(.post, family.collection, json: body(#","outcome":"ingen_avvikelse""#))
            #expect(created.pointers == ["/outcome"])
        }
    }

    @Test func closingNeedsClosedOnAndOutcome() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            try await client.step(path, to: "under_utredning", version: 1)
            let missing = try await client.step(path, to: "avslutad", version: 2)
            #expect(missing.status == .conflict)
            #expect(Set(missing.pointers) == ["/closedOn", "/outcome"])
            let early = try await client.step(path, to: "avslutad", version: 2, #","closedOn":"2025-03-01","outcome":"ingen_avvikelse""#)
            #expect(early.status == .unprocessableContent)
            #expect(early.pointers == ["/closedOn"])
            let unknown = try await client.step(path, to: "avslutad", version: 2, #","closedOn":"2025-04-01","outcome":"kanske""#)
            #expect(unknown.pointers == ["/outcome"])
            let closed = try await client.step(path, to: "avslutad", version: 2, #","closedOn":"2025-04-01","outcome":"avvikelse_konstaterad""#)
            #expect(closed.status == .ok)
            #expect(closed.json["outcome"] as? String == "avvikelse_konstaterad")
            #expect(try await client.stored(path)["status"] as? String == "avslutad")
            #expect(try await client.send(.get, family.collection + "?status=avslutad").items.count == 1)
        }
    }

    @Test func aComplaintIsInvestigatedBeforeItIsClosed() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            let reply = try await client.step(path, to: "avslutad", version: 1, #","closedOn":"2025-04-01","outcome":"ingen_avvikelse""#)
            #expect(reply.status == .conflict)
            #expect((reply.json["detail"] as? String)?.contains("no step from inkommen to avslutad") == true)
        }
    }

    @Test func theKodverkListsEveryComplaintCodeWithItsSwedishLabel() async throws {
        try await TestApp.make().run { client in
            let kodverk = try await client.send(.get, "/api/v1/kodverk", as: "lasare").json
            let submitters = kodverk["klagomalInlamnare"] as? [[String: String]] ?? []
            #expect(submitters.map { $0["code"] } == ["brukare", "narstaende", "vardgivare", "annan_utforare", "myndighet",
                                                       "forening_organisation", "personal", "anonym"])
            #expect(submitters.first { $0["code"] == "narstaende" }?["label"] == "Närstående")
            for name in ["klagomalStatus", "klagomalKalla", "klagomalTyp", "klagomalAmne", "klagomalUtfall"] {
                #expect(kodverk[name] != nil, "\(name)")
            }
        }
    }
}
