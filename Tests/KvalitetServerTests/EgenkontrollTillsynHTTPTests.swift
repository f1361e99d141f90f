import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Testing

@Suite("Egenkontroller and tillsynsbeslut over HTTP")
struct EgenkontrollTillsynHTTPTests {
    let egk = Family.egenkontroll
    let tsb = Family.tillsynsbeslut
    let egkPath = "/api/v1/egenkontroller/EGK-2025-0001"
    let tsbPath = "/api/v1/tillsynsbeslut/TSB-2025-0001"
    let survey = #"{"unitIds":["ifo"],"title":"Brukarundersökning 2025","area":"enskildas_upplevelser","method":"brukarundersokning","periodFrom":"2025-01-01","periodTo":"2025-06-30","performedOn":"2025-09-30","survey":{"offered":4856,"responses":2283}}"#

    @Test func aUserSurveyKeepsItsFiguresAndFacts() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let created = try await client.create(egk.collection, survey)
            #expect((created.json["survey"] as? [String: Any])?["responses"] as? Int == 2283)
            #expect(created.json["deficienciesFound"] as? Bool == false)
            let csv = try await client.send(.get, egk.collection + "?format=csv")
            #expect(csv.body.contains(";survey.offered;survey.responses;"))
            #expect(csv.body.contains(";4856;2283;"))
        }
        let facts = try await app.services.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT survey_offered, survey_responses, method FROM egenkontroll_facts")
        }
        #expect(facts?["survey_offered"] == 4856)
        #expect(facts?["method"] == "brukarundersokning")
    }

    @Test func surveyFiguresAreCheckedAgainstEachOtherAndTheMethod() async throws {
        try await TestApp.make().run { client in
            let tooMany = try await client.send(.post, egk.collection, json: survey.replacingOccurrences(of: "2283", with: "4857"))
            #expect(tooMany.pointers == ["/survey/responses"])
            let wrongMethod = try await client.send(.post, egk.collection, json: survey.replacingOccurrences(of: #""brukarundersokning""#, with: #""aktgranskning""#))
            #expect(wrongMethod.pointers == ["/survey"])
            let negative = try await client.send(.post, egk.collection, json: survey.replacingOccurrences(of: "4856", with: "-1"))
            #expect(negative.pointers == ["/survey/offered"])
            let backwards = try await client.send(.post, egk.collection, json: survey.replacingOccurrences(of: "2025-06-30", with: "2024-06-30"))
            #expect(backwards.pointers == ["/periodTo"])
            #expect(try await client.send(.get, egk.collection).items.isEmpty)
        }
    }

    @Test func aPerformedSelfInspectionNeedsPerformedOnAndAResult() async throws {
        try await TestApp.make().run { client in
            try await client.create(egk.collection, egk.body)
            try await client.step(egkPath, to: "pagaende", version: 1)
            let bare = try await client.step(egkPath, to: "genomford", version: 2)
            #expect(bare.status == .conflict)
            #expect(Set(bare.pointers) == ["/performedOn", "/result"])
            let done = try await client.step(egkPath, to: "genomford", version: 2,
                                             #","performedOn":"2025-10-01","result":"Tre av tjugo akter saknade beslut","deficienciesFound":true"#)
            #expect(done.status == .ok)
            #expect(done.json["deficienciesFound"] as? Bool == true)
            let item = try #require(try await client.send(.get, egk.collection).items.first)
            #expect(item["result"] == nil)
            #expect(try await client.patch(egkPath, #"{"result":null}"#, version: 3).status == .conflict)
        }
    }

    @Test func aDecisionMustSayWhetherDeficienciesWereFound() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, tsb.collection, json: tsb.body.replacingOccurrences(of: #","deficienciesFound":true"#, with: ""))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/deficienciesFound"])
            let wrongType = try await client.send(.post, tsb.collection, json: tsb.body.replacingOccurrences(of: "true", with: "\"ja\""))
            #expect(wrongType.pointers == ["/deficienciesFound"])
        }
    }

    @Test func aDecisionIsRefusedForAFutureDateOrUnknownAuthority() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, tsb.collection, json: tsb.body
                .replacingOccurrences(of: "2025-10-01", with: "2026-01-16").replacingOccurrences(of: #""ivo""#, with: #""polisen""#))
            #expect(reply.pointers == ["/authority", "/decidedOn"])
        }
    }

    @Test func aDecisionIsClosedOnceAndItsFactsFollow() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            try await client.create(tsb.collection, tsb.body)
            let closed = try await client.step(tsbPath, to: "avslutat", version: 1, #","summary":"Bristerna åtgärdade""#)
            #expect(closed.status == .ok)
            #expect(closed.json["summary"] as? String == "Bristerna åtgärdade")
            #expect(try await client.step(tsbPath, to: "oppet", version: 2).status == .conflict)
            let csv = try await client.send(.get, tsb.collection + "?format=csv")
            #expect(csv.body.contains(";ivo;3.5.1-1234/2025;2025-10-01;lex_sarah;true;"))
            #expect(!csv.body.contains("Bristerna"))
        }
        let facts = try await app.services.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT status, authority, case_number, deficiencies_found FROM tillsynsbeslut_facts")
        }
        #expect(facts?["status"] == "avslutat")
        #expect(facts?["deficiencies_found"] == 1)
    }

    @Test func theKodverkHasTheLaterFamiliesCodeLists() async throws {
        try await TestApp.make().run { client in
            let kodverk = try await client.send(.get, "/api/v1/kodverk", as: "lasare").json
            for name in ["lexSarahStatus", "lexSarahBedomning", "lexSarahRapportorsRoll", "lexSarahAnteckningstyp", "ivoKanal",
                         "riskanalysStatus", "riskanalysAnledning", "riskniva", "egenkontrollStatus", "egenkontrollOmrade",
                         "egenkontrollMetod", "tillsynsbeslutStatus", "tillsynsmyndighet", "tillsynsbeslutAmne"] {
                #expect((kodverk[name] as? [Any])?.isEmpty == false, "\(name)")
            }
            let levels = kodverk["riskniva"] as? [[String: String]] ?? []
            #expect(levels.map { $0["label"] } == ["Låg", "Måttlig", "Hög", "Mycket hög"])
        }
    }
}
