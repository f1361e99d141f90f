import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Builds records of every family over HTTP for the report tests, each to the state a rule needs.
extension TestApp.Client {
    func post(_ family: String, _ body: String) async throws -> String {
        let reply = try await send(.post, "/api/v1/\(family)", json: body)
        #expect(reply.status == .created, "\(family): \(reply.body)")
        return reply.json["id"] as? String ?? ""
    }

    /// Applies transitions and patches in order, following the version.
    func advance(_ family: String, _ id: String, _ steps: [(kind: String, body: String)]) async throws {
        var version = 1
        for step in steps {
            let path = "/api/v1/\(family)/\(id)" + (step.kind == "to" ? "/transitions" : "")
            let reply = step.kind == "to"
                ? try await send(.post, path, json: step.body, headers: [.ifMatch: "\"\(version)\""])
                : try await send(.patch, path, json: step.body, contentType: "application/merge-patch+json", headers: [.ifMatch: "\"\(version)\""])
            #expect(reply.status == .ok, "\(id) \(step.body): \(reply.body)")
            version += 1
        }
    }

    func avvikelse(unit: String = "ifo-utr", received: String, closed: String? = nil, category: String = "dokumentation",
                   causes: [String] = ["rutin_ej_foljd"], voided: Bool = false) async throws {
        let id = try await post("avvikelser", """
            {"unitId":"\(unit)","title":"HEMLIG TITEL","description":"HEMLIG BESKRIVNING","receivedOn":"\(received)","category":"\(category)"}
            """)
        if let closed {
            let causeList = causes.map { "\"\($0)\"" }.joined(separator: ",")
            try await advance("avvikelser", id, [("to", #"{"to":"under_utredning"}"#),
                                                 ("to", #"{"to":"avslutad","closedOn":"\#(closed)","rootCauses":[\#(causeList)]}"#)])
        }
        if voided { try await send(.delete, "/api/v1/avvikelser/\(id)?reason=test", headers: [.ifMatch: closed == nil ? "\"1\"" : "\"3\""]) }
    }

    func klagomal(unit: String = "ifo-utr", received: String, source: String = "utomstaende", submitter: String = "brukare",
                  type: String = "klagomal", subject: String = "bemotande", closed: String? = nil, outcome: String = "ingen_avvikelse") async throws {
        let id = try await post("klagomal", """
            {"unitId":"\(unit)","title":"HEMLIG TITEL","receivedOn":"\(received)","source":"\(source)","submitter":"\(submitter)","type":"\(type)","subject":"\(subject)"}
            """)
        if let closed {
            try await advance("klagomal", id, [("to", #"{"to":"under_utredning"}"#),
                                               ("to", #"{"to":"avslutad","closedOn":"\#(closed)","outcome":"\#(outcome)"}"#)])
        }
    }

    /// A lex Sarah report taken as far as the dates given: assessed, to IVO, treated by the AU, closed.
    func lexSarah(unit: String = "ifo-utr", reported: String, completed: String? = nil, assessment: String = "missforhallande",
                  ivo: String? = nil, sent: String? = nil, committee: String? = nil, closed: String? = nil,
                  kinds: [String] = ["rojd_sekretess"]) async throws {
        let id = try await post("lex-sarah", """
            {"unitId":"\(unit)","title":"HEMLIG TITEL","reportedOn":"\(reported)","reporterRole":"anstalld","kinds":\(kinds)}
            """)
        var steps: [(kind: String, body: String)] = [("to", #"{"to":"under_utredning","investigation":{"investigator":"Eva","startedOn":"\#(reported)"}}"#)]
        if let ivo { steps.append(("patch", #"{"ivo":{"reportedOn":"\#(ivo)","channel":"e_tjanst"}}"#)) }
        if let completed {
            steps.append(("to", #"{"to":"bedomd","investigation":{"completedOn":"\#(completed)","assessment":"\#(assessment)","motivation":"Motivering"},"rootCauses":["kunskap_saknas"]}"#))
        }
        if let sent { steps.append(("patch", #"{"ivo":{"investigationSentOn":"\#(sent)"}}"#)) }
        if let committee { steps.append(("patch", #"{"committeeDecidedOn":"\#(committee)"}"#)) }
        if let closed { steps.append(("to", #"{"to":"avslutad","closedOn":"\#(closed)"}"#)) }
        try await advance("lex-sarah", id, steps)
    }

    func report(_ query: String = "", year: Int = 2025, as token: String = "lasare") async throws -> [String: Any] {
        let reply = try await send(.get, "/api/v1/kvalitetsberattelse/\(year)\(query)", as: token)
        #expect(reply.status == .ok, "\(reply.body)")
        return reply.json
    }
}

/// Reading nested figures out of the report JSON by path.
func figure(_ json: [String: Any], _ path: String) -> Any? {
    path.split(separator: ".").reduce(json as Any?) { ($0 as? [String: Any])?[String($1)] }
}

func counts(_ json: [String: Any], _ path: String, key: String = "code") -> [String: Int] {
    (figure(json, path) as? [[String: Any]] ?? []).reduce(into: [:]) { $0[$1[key] as? String ?? "?"] = $1["count"] as? Int }
}

func series(_ json: [String: Any], _ path: String) -> [Int] {
    (figure(json, path) as? [[String: Any]] ?? []).compactMap { $0["count"] as? Int }
}
