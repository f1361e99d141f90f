import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

@Suite("Riskanalyser over HTTP")
struct RiskanalysHTTPTests {
    let family = Family.riskanalys
    let path = "/api/v1/riskanalyser/RSK-2025-0001"
    static let risks = #","risks":[{"description":"Journaler försvinner","probability":2,"consequence":4,"residualProbability":1,"residualConsequence":4,"measures":[{"description":"Provflytt"}]},{"description":"Förseningar","probability":4,"consequence":4}]"#

    func body(_ extra: String) -> String { String(family.body.dropLast()) + extra + "}" }

    @Test func eachRiskComesBackWithItsValueAndLevel() async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(family.collection, body(Self.risks))
            let risks = created.json["risks"] as? [[String: Any]] ?? []
            #expect(risks.map { $0["riskValue"] as? Int } == [8, 16])
            #expect(risks.map { $0["level"] as? String } == ["hog", "mycket_hog"])
            #expect(risks.first?["residualRiskValue"] as? Int == 4)
            #expect(risks.first?["residualLevel"] as? String == "mattlig")
            #expect(risks.last?["residualLevel"] is NSNull)
            #expect(created.json["documented"] as? Bool == false)
        }
    }

    @Test func theLevelThresholdsComeFromTheConfiguration() async throws {
        let app = try await TestApp.make { $0.riskLevels = RiskLevels(lagMax: 8, mattligMax: 10, hogMax: 14)! }
        try await app.run { client in
            let created = try await client.create(family.collection, body(Self.risks))
            #expect((created.json["risks"] as? [[String: Any]])?.map { $0["level"] as? String } == ["lag", "mycket_hog"])
        }
        let stored = try await app.services.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT level FROM riskanalys_risks ORDER BY position")
        }
        #expect(stored == ["lag", "mycket_hog"])
    }

    @Test func outOfScaleValuesAndHalfResidualsArePointedAt() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection, json: body(
                #","risks":[{"description":"x","probability":5,"consequence":"hög"},{"probability":2,"consequence":2,"residualProbability":1}]"#))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/risks/0/probability", "/risks/0/consequence", "/risks/1/description", "/risks/1/residualConsequence"])
        }
    }

    @Test func computedRiskValuesCannotBeSent() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(Self.risks))
            let reply = try await client.patch(path, #"{"risks":[{"description":"x","probability":1,"consequence":1,"riskValue":1}]}"#, version: 1)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/risks/0/riskValue"])
            #expect((reply.json["detail"] as? String)?.contains("read-only") == true)
        }
    }

    @Test func severalDistinctUnitsAreAllowedAndARepeatIsPointedAt() async throws {
        try await TestApp.make().run { client in
            let both = try await client.create(family.collection, family.body(unit: #"ifo-utr","vuxen"#))
            #expect(both.json["unitIds"] as? [String] == ["ifo-utr", "vuxen"])
            #expect(try await client.send(.get, family.collection + "?unitId=vuxen").items.count == 1)
            let twice = try await client.send(.post, family.collection, json: family.body(unit: #"ifo-utr","vuxen","ifo-utr"#))
            #expect(twice.pointers == ["/unitIds/2"])
            let none = try await client.send(.post, family.collection, json: family.body.replacingOccurrences(of: #"["ifo-utr"]"#, with: "[]"))
            #expect(none.pointers == ["/unitIds"])
        }
    }

    @Test func aScopedTokenCanWorkOnAnAnalysisSharedWithAnotherUnitButNotAddOne() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body(unit: #"ifo-utr","vuxen"#))
            #expect(try await client.patch(path, #"{"documented":true}"#, version: 1, as: "ifo-kvalitet").status == .ok)
            let widened = try await client.patch(path, #"{"unitIds":["ifo-utr","vuxen","ifo-utr-s1"]}"#, version: 2, as: "ifo-kvalitet")
            #expect(widened.status == .ok)
            try await client.send(.put, "/api/v1/verksamheter/vuxen-2", json: #"{"name":"Vuxen 2","level":"sektion","parentId":"vuxen"}"#)
            let foreign = try await client.patch(path, #"{"unitIds":["ifo-utr","vuxen","vuxen-2"]}"#, version: 3, as: "ifo-kvalitet")
            #expect(foreign.pointers == ["/unitIds/2"])
        }
    }

    @Test func aPerformedAnalysisNeedsPerformedOnAndARiskAndThenCanBeFollowedUp() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            try await client.step(path, to: "pagaende", version: 1)
            let bare = try await client.step(path, to: "genomford", version: 2)
            #expect(bare.status == .conflict)
            #expect(Set(bare.pointers) == ["/performedOn", "/risks"])
            let future = try await client.step(path, to: "genomford", version: 2, #","performedOn":"2026-02-01""# + Self.risks)
            #expect(future.pointers == ["/performedOn"])
            let done = try await client.step(path, to: "genomford", version: 2, #","performedOn":"2025-09-03","documented":true"# + Self.risks)
            #expect(done.status == .ok)
            #expect(try await client.step(path, to: "uppfoljd", version: 3).status == .ok)
            let emptied = try await client.patch(path, #"{"risks":[]}"#, version: 4)
            #expect(emptied.status == .conflict)
            #expect(try await client.send(.get, family.collection + "?status=uppfoljd&from=2025-09-03&to=2025-09-03").items.count == 1)
        }
    }

    @Test func listsShowRiskLevelsButNotRiskDescriptionsOrParticipants() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, body(Self.risks + #","participants":["Anna Andersson, enhetschef"]"#))
            let item = try #require(try await client.send(.get, family.collection).items.first)
            #expect(item["participants"] == nil)
            let risks = item["risks"] as? [[String: Any]] ?? []
            #expect(risks.map { $0["level"] as? String } == ["hog", "mycket_hog"])
            #expect(risks.allSatisfy { $0["description"] == nil && $0["measures"] == nil })
            let csv = try await client.send(.get, family.collection + "?format=csv")
            #expect(!csv.body.contains("Anna Andersson"))
            #expect(csv.body.contains(";2;"))
        }
    }
}
