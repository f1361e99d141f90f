import Foundation
import HTTPTypes
import Hummingbird
import KvalitetStorage
import Testing

@Suite("Lex Sarah kinds over HTTP")
struct LexSarahKindsHTTPTests {
    let collection = "/api/v1/lex-sarah"

    func body(_ kinds: String) -> String {
        #"{"unitId":"ifo-utr","title":"Kränkande tilltal","reportedOn":"2025-03-02","reporterRole":"anstalld","#
            + #""kinds":\#(kinds)}"#
    }

    @Test func theKodverkListsTheKindsWithTheirSwedishLabels() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", as: "lasare")
            let list = reply.json["lexSarahMissforhallande"] as? [[String: String]] ?? []
            #expect(list.map { $0["code"] ?? "" } == LexSarahKindTestsTable.codes)
            #expect(list.first?["label"] == "Övergrepp – fysiskt")
            #expect(list.first { $0["code"] == "brister_i_handlaggning" }?["label"] == "Brister i handläggning och rättssäkerhet")
        }
    }

    @Test func aReportWithSeveralKindsIsStoredAndShownWithThemInOrder() async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(collection, body(#"["overgrepp_psykiskt","brister_i_bemotande"]"#))
            #expect(created.json["kinds"] as? [String] == ["overgrepp_psykiskt", "brister_i_bemotande"])
            #expect(created.json["category"] == nil)
            let stored = try await client.stored(collection + "/LXS-2025-0001")
            #expect(stored["kinds"] as? [String] == ["overgrepp_psykiskt", "brister_i_bemotande"])
            let patched = try await client.patch(collection + "/LXS-2025-0001", #"{"kinds":["overgrepp_ekonomiskt"]}"#, version: 1)
            #expect(patched.json["kinds"] as? [String] == ["overgrepp_ekonomiskt"])
        }
    }

    /// (the kinds member, the pointers refused); nothing is stored for any of them.
    static let refusals: [(String, [String])] = [
        (#"[]"#, ["/kinds"]), (#"null"#, ["/kinds"]), (#""rojd_sekretess""#, ["/kinds"]),
        (#"["rojd_sekretess","sekretess"]"#, ["/kinds/1"]), (#"["handlaggning"]"#, ["/kinds/0"]),
        (#"["brister_i_samverkan","ovrigt","brister_i_samverkan"]"#, ["/kinds/2"]), (#"[1]"#, ["/kinds/0"]),
    ]

    @Test(arguments: refusals)
    func badKindsAreRefusedWithAPointerToTheBadOneAndNothingIsStored(kinds: String, pointers: [String]) async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, collection, json: body(kinds))
            #expect(reply.status == .unprocessableContent, "\(reply.body)")
            #expect(reply.isProblem)
            #expect(reply.pointers == pointers, "\(reply.body)")
            #expect(try await client.send(.get, collection).items.isEmpty)
        }
    }

    @Test func aClientStillSendingACategoryIsToldToSendKindsInsteadEverywhereABodyIsRead() async throws {
        try await TestApp.make().run { client in
            let old = #"{"unitId":"ifo-utr","title":"T","reportedOn":"2025-03-02","reporterRole":"anstalld","#
                + #""category":"sekretess"}"#
            let created = try await client.send(.post, collection, json: old)
            #expect(created.status == .unprocessableContent)
            #expect(created.pointers == ["/category", "/kinds"])
            let errors = created.json["errors"] as? [[String: String]] ?? []
            #expect(errors.first?["detail"]?.contains("send kinds") == true)
            #expect(errors.first?["detail"]?.contains("lexSarahMissforhallande") == true)
            try await client.create(collection, body(#"["rojd_sekretess"]"#))
            let path = collection + "/LXS-2025-0001"
            #expect(try await client.patch(path, #"{"category":"sekretess"}"#, version: 1).pointers == ["/category"])
            #expect(try await client.step(path, to: "under_utredning", version: 1, #","category":"sekretess""#).pointers
                    == ["/category"])
            #expect(try await client.stored(path)["version"] as? Int == 1)
        }
    }

    @Test func theCategoryFilterFindsAReportByAnyOfItsKindsAlsoInCSV() async throws {
        try await TestApp.make().run { client in
            try await client.create(collection, body(#"["rojd_sekretess","brister_i_dokumentation"]"#))
            try await client.create(collection, body(#"["brister_i_dokumentation"]"#))
            try await client.create(collection, body(#"["insats_inte_utford"]"#))
            let secret = try await client.send(.get, collection + "?category=rojd_sekretess")
            #expect(secret.items.map { $0["id"] as? String } == ["LXS-2025-0001"])
            let documentation = try await client.send(.get, collection + "?category=brister_i_dokumentation")
            #expect(documentation.items.map { $0["id"] as? String } == ["LXS-2025-0002", "LXS-2025-0001"])
            let csv = try await client.send(.get, collection + "?format=csv&category=brister_i_dokumentation")
            #expect(csv.status == .ok)
            let lines = csv.body.split(separator: "\r\n").map(String.init)
            let header = lines.first?.split(separator: ";", omittingEmptySubsequences: false).map(String.init) ?? []
            let column = try #require(header.firstIndex(of: "kinds"))
            let cells = lines.dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false)[column] }
            // A report's kinds share one cell, joined by ", " (unquoted: the separator is ";").
            #expect(cells == ["brister_i_dokumentation", "rojd_sekretess, brister_i_dokumentation"])
            #expect(!header.contains("category"))
            let old = try await client.send(.get, collection + "?category=sekretess")
            #expect(old.status == .badRequest)
            #expect(old.body.contains("rojd_sekretess"))
        }
    }

    @Test func theReportCountsATreatedReportOnceInEachOfItsKindsAndSaysSo() async throws {
        try await TestApp.make().run { client in
            try await client.lexSarah(reported: "2025-01-10", completed: "2025-02-01", committee: "2025-03-01",
                                      kinds: ["overgrepp_psykiskt", "brister_i_bemotande"])
            try await client.lexSarah(reported: "2025-01-12", completed: "2025-02-01", committee: "2025-03-02",
                                      kinds: ["brister_i_bemotande"])
            try await client.lexSarah(reported: "2025-01-14", kinds: ["overgrepp_fysiskt"])
            let report = try await client.report()
            #expect(figure(report, "analysis.lexSarah.committeeTreated") as? Int == 2)
            #expect(counts(report, "analysis.lexSarah.byKind") == ["brister_i_bemotande": 2, "overgrepp_psykiskt": 1])
            #expect(counts(report, "analysis.lexSarah.byAssessment") == ["missforhallande": 2])
            let html = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=html", as: "lasare")
            #expect(html.body.contains("Slag av missförhållande"))
            #expect(html.body.contains("Övergrepp – psykiskt"))
            #expect(html.body.contains("räknas en gång för varje slag"))
        }
    }
}

/// The kinds' codes in kodverk order, as the HTTP tests expect them.
enum LexSarahKindTestsTable {
    static let codes = [
        "overgrepp_fysiskt", "overgrepp_psykiskt", "overgrepp_sexuellt", "overgrepp_ekonomiskt", "brister_i_bemotande",
        "insats_inte_utford", "insats_utford_felaktigt", "brister_i_handlaggning", "rojd_sekretess",
        "brister_i_dokumentation", "brister_i_tillsyn_och_omsorg", "brister_i_samverkan",
        "brister_i_miljo_och_utrustning", "ovrigt",
    ]
}
