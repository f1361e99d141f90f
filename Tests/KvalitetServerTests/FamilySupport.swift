import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// One record family as the HTTP tests drive it: where it lives and a valid body for `ifo-utr`.
struct Family: Sendable, CustomTestStringConvertible {
    let path: String
    let prefix: String
    let body: String
    /// The pointer a record's (first) unit is reported under.
    let unitPointer: String
    /// The first workflow step and the category filter value the body matches.
    let firstStep: String
    let category: String
    let hasDeadlines: Bool

    var testDescription: String { path }
    var firstId: String { "\(prefix)-2025-0001" }
    var collection: String { "/api/v1/\(path)" }
    func body(unit: String) -> String { body.replacingOccurrences(of: "ifo-utr", with: unit) }

    static let klagomal = Family(
        path: "klagomal", prefix: "KLG",
        body: #"{"unitId":"ifo-utr","title":"Otrevligt bemötande","receivedOn":"2025-03-02","source":"utomstaende","submitter":"brukare","type":"klagomal","subject":"bemotande"}"#,
        unitPointer: "/unitId", firstStep: "under_utredning", category: "bemotande", hasDeadlines: false)
    static let lexSarah = Family(
        path: "lex-sarah", prefix: "LXS",
        body: #"{"unitId":"ifo-utr","title":"Barn lämnat utan tillsyn","reportedOn":"2025-03-02","reporterRole":"anstalld","kinds":["insats_utford_felaktigt"]}"#,
        unitPointer: "/unitId", firstStep: "under_utredning", category: "insats_utford_felaktigt", hasDeadlines: true)
    static let riskanalys = Family(
        path: "riskanalyser", prefix: "RSK",
        body: #"{"unitIds":["ifo-utr"],"title":"Nytt journalsystem","trigger":"nytt_arbetssatt","plannedOn":"2025-09-01"}"#,
        unitPointer: "/unitIds/0", firstStep: "pagaende", category: "nytt_arbetssatt", hasDeadlines: false)
    static let egenkontroll = Family(
        path: "egenkontroller", prefix: "EGK",
        body: #"{"unitIds":["ifo-utr"],"title":"Aktgranskning hösten","area":"handlaggning_dokumentation","method":"aktgranskning","plannedOn":"2025-09-01"}"#,
        unitPointer: "/unitIds/0", firstStep: "pagaende", category: "handlaggning_dokumentation", hasDeadlines: false)
    static let tillsynsbeslut = Family(
        path: "tillsynsbeslut", prefix: "TSB",
        body: #"{"unitIds":["ifo-utr"],"title":"IVO om lex Sarah-utredning","authority":"ivo","caseNumber":"3.5.1-1234/2025","decidedOn":"2025-10-01","subject":"lex_sarah","deficienciesFound":true}"#,
        unitPointer: "/unitIds/0", firstStep: "avslutat", category: "lex_sarah", hasDeadlines: true)

    static let all = [klagomal, lexSarah, riskanalys, egenkontroll, tillsynsbeslut]
}

extension TestApp.Client {
    /// POSTs `json` to the collection and expects 201; returns the reply.
    @discardableResult
    func create(_ collection: String, _ json: String, as token: String = "admin") async throws -> TestApp.Reply {
        let reply = try await send(.post, collection, as: token, json: json)
        #expect(reply.status == .created, "\(reply.body)")
        return reply
    }

    /// A merge patch with `If-Match: "version"`.
    @discardableResult
    func patch(_ path: String, _ json: String, version: Int, as token: String = "admin") async throws -> TestApp.Reply {
        try await send(.patch, path, as: token, json: json, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"\(version)\""])
    }

    /// `POST …/transitions` with `If-Match: "version"`; `extra` is added to `{"to": …}`.
    @discardableResult
    func step(_ path: String, to status: String, version: Int, _ extra: String = "", as token: String = "admin") async throws -> TestApp.Reply {
        try await send(.post, path + "/transitions", as: token, json: #"{"to":"\#(status)"\#(extra)}"#, headers: [.ifMatch: "\"\(version)\""])
    }

    /// A stored value through the store's own read, for asserting what was kept.
    func stored(_ path: String) async throws -> [String: Any] { try await send(.get, path).json }
}
