import Foundation
import HTTPTypes
import Hummingbird
import KvalitetStorage
import Testing

@Suite("Lex Sarah over HTTP")
struct LexSarahHTTPTests {
    let family = Family.lexSarah
    let path = "/api/v1/lex-sarah/LXS-2025-0001"
    static let assessed = #","investigation":{"investigator":"Eva Ek","startedOn":"2025-03-03","completedOn":"2025-04-10","assessment":"ASSESSMENT","motivation":"Rutinen för tillsyn följdes inte"}"#

    func body(_ extra: String) -> String { String(family.body.dropLast()) + extra + "}" }
    func assessed(_ assessment: String) -> String { Self.assessed.replacingOccurrences(of: "ASSESSMENT", with: assessment) }

    /// Creates the report and takes it to `under_utredning` (version 2).
    func investigating(_ client: TestApp.Client, _ extra: String = "") async throws {
        try await client.create(family.collection, body(extra))
        #expect(try await client.step(path, to: "under_utredning", version: 1).status == .ok)
    }

    @Test func aReportIsReturnedWithItsPartsAndDeadlines() async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(family.collection, body(#","immediateMeasures":{"description":"Extra personal","takenOn":"2025-03-02"}"#))
            #expect(created.json["status"] as? String == "rapporterad")
            #expect((created.json["immediateMeasures"] as? [String: Any])?["takenOn"] as? String == "2025-03-02")
            #expect(created.json["investigation"] is NSNull)
            #expect(created.json["ivo"] is NSNull)
            #expect((created.json["notes"] as? [Any])?.isEmpty == true)
            let deadlines = created.json["deadlines"] as? [String: Any]
            #expect(deadlines?["investigationToIvoBy"] is NSNull)
            #expect(deadlines?["overdue"] as? Bool == false)
        }
    }

    @Test func anIvoReportIsRefusedWithItsPointerForANonSeriousAssessment() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection,
                                              json: body(assessed("missforhallande") + #","ivo":{"reportedOn":"2025-04-11","channel":"e_tjanst"}"#))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/ivo/reportedOn"])
            #expect(try await client.send(.get, family.collection).items.isEmpty)
        }
    }

    @Test func assessingAReportedSeriousCaseAsNonSeriousIsRefused() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(#","ivo":{"reportedOn":"2025-03-04","channel":"post"}"#))
            let reply = try await client.patch(path, #"{"investigation":{"assessment":"missforhallande"}}"#, version: 1)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/ivo/reportedOn"])
            #expect(try await client.stored(path)["investigation"] is NSNull)
        }
    }

    @Test func nestedPartsRefuseUnknownMembersAndWrongTypes() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection,
                                              json: body(#","investigation":{"assesment":"missforhallande"},"ivo":{"reportedOn":"2025-03-04","channel":"fax","extra":1},"immediateMeasures":"x""#))
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/investigation/assesment", "/ivo/channel", "/ivo/extra", "/immediateMeasures"])
        }
    }

    @Test func theWorkflowTakesAReportFromReportedToClosedWithEveryRule() async throws {
        try await TestApp.make().run { client in
            try await investigating(client)
            let bare = try await client.step(path, to: "bedomd", version: 2)
            #expect(bare.status == .conflict)
            #expect(Set(bare.pointers) == ["/investigation/assessment", "/investigation/motivation", "/investigation/completedOn"])
            let assessedReply = try await client.step(path, to: "bedomd", version: 2, assessed("allvarligt_missforhallande"))
            #expect(assessedReply.status == .ok, "\(assessedReply.body)")
            let unclosable = try await client.step(path, to: "avslutad", version: 3)
            #expect(unclosable.status == .conflict)
            #expect(Set(unclosable.pointers) == ["/committeeDecidedOn", "/ivo/reportedOn"])
            #expect(try await client.patch(path, #"{"ivo":{"reportedOn":"2025-04-11","channel":"e_tjanst"},"committeeDecidedOn":"2025-05-02"}"#,
                                           version: 3).status == .ok)
            let closed = try await client.step(path, to: "avslutad", version: 4)
            #expect(closed.status == .ok)
            let stored = try await client.stored(path)
            #expect(stored["status"] as? String == "avslutad")
            #expect((stored["investigation"] as? [String: Any])?["assessment"] as? String == "allvarligt_missforhallande")
        }
    }

    @Test func aClosedReportCannotLoseWhatClosingNeeded() async throws {
        try await TestApp.make().run { client in
            try await investigating(client, assessed("missforhallande") + #","committeeDecidedOn":"2025-05-02""#)
            try await client.step(path, to: "bedomd", version: 2)
            try await client.step(path, to: "avslutad", version: 3)
            let reply = try await client.patch(path, #"{"committeeDecidedOn":null}"#, version: 4)
            #expect(reply.status == .conflict)
            #expect(reply.pointers == ["/committeeDecidedOn"])
        }
    }

    @Test func anEjMissforhallandeReportClosesWithoutTheCommittee() async throws {
        try await TestApp.make().run { client in
            try await investigating(client, assessed("ej_missforhallande"))
            try await client.step(path, to: "bedomd", version: 2)
            #expect(try await client.step(path, to: "avslutad", version: 3).status == .ok)
        }
    }

    @Test func theInvestigationIsDueAtIvoTwoMonthsAfterTheReportAndOverdueListsIt() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(#","ivo":{"reportedOn":"2025-10-31","channel":"e_tjanst","caseNumber":"3.5.1-99/2025"}"#))
            try await client.create(family.collection, body(#","ivo":{"reportedOn":"2025-12-01","channel":"post"}"#))
            try await client.create(family.collection, family.body)
            let late = try await client.stored(path)
            let deadlines = late["deadlines"] as? [String: Any]
            #expect(deadlines?["investigationToIvoBy"] as? String == "2025-12-31")
            #expect(deadlines?["overdue"] as? Bool == true)
            #expect(try await client.send(.get, family.collection + "?overdue=true").items.map { $0["id"] as? String } == ["LXS-2025-0001"])
            #expect(try await client.send(.get, family.collection + "?overdue=false").items.count == 2)
            #expect(try await client.send(.get, family.collection + "?overdue=ja").status == .badRequest)
        }
    }

    @Test func sendingTheInvestigationEndsTheDeadline() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(assessed("allvarligt_missforhallande") + #","ivo":{"reportedOn":"2025-04-11","channel":"e_tjanst"}"#))
            let early = try await client.patch(path, #"{"ivo":{"investigationSentOn":"2025-04-09"}}"#, version: 1)
            #expect(early.pointers == ["/ivo/investigationSentOn", "/ivo/investigationSentOn"])
            let sent = try await client.patch(path, #"{"ivo":{"investigationSentOn":"2025-05-20"}}"#, version: 1)
            #expect(sent.status == .ok)
            #expect((sent.json["ivo"] as? [String: Any])?["channel"] as? String == "e_tjanst")
            #expect((sent.json["deadlines"] as? [String: Any])?["investigationToIvoBy"] is NSNull)
            #expect(try await client.send(.get, family.collection + "?overdue=true").items.isEmpty)
        }
    }

    @Test func listsAndPlainCSVLeaveOutNotesMotivationsAndNames() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(assessed("missforhallande")))
            let item = try #require(try await client.send(.get, family.collection).items.first)
            #expect(item["notes"] == nil)
            let investigation = item["investigation"] as? [String: Any]
            #expect(investigation?["assessment"] as? String == "missforhallande")
            #expect(investigation?["motivation"] == nil && investigation?["investigator"] == nil)
            let csv = try await client.send(.get, family.collection + "?format=csv")
            let header = csv.body.split(separator: "\r\n").first ?? ""
            #expect(header.contains(";investigation.assessment;"))
            #expect(header.contains(";deadlines.overdue;"))
            #expect(!header.contains("investigator") && !header.contains("motivation") && !header.contains("notes"))
            #expect(csv.body.contains(";missforhallande;"))
            #expect(!csv.body.contains("Eva Ek"))
        }
    }

    @Test func closingRecordsTodayUnlessADateIsGivenAndThePatchCannotSetIt() async throws {
        try await TestApp.make().run { client in
            try await investigating(client, assessed("ej_missforhallande"))
            try await client.step(path, to: "bedomd", version: 2)
            let patched = try await client.patch(path, #"{"closedOn":"2025-05-01"}"#, version: 3)
            #expect(patched.pointers == ["/closedOn"])
            let closed = try await client.step(path, to: "avslutad", version: 3)
            #expect(closed.json["closedOn"] as? String == "2026-01-15")
            try await client.create(family.collection, body(assessed("ej_missforhallande")))
            let other = "/api/v1/lex-sarah/LXS-2025-0002"
            try await client.step(other, to: "under_utredning", version: 1)
            try await client.step(other, to: "bedomd", version: 2)
            let dated = try await client.step(other, to: "avslutad", version: 3, #","closedOn":"2025-04-30""#)
            #expect(dated.json["closedOn"] as? String == "2025-04-30")
        }
    }
}

