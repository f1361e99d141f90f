import Foundation
import Testing

let kf24Body = #"""
{"name":"Andel ej återaktualiserade barn 0–12 år","description":"Ett år efter avslutad utredning","unit":"procent",
 "direction":"higher_is_better","koladaKpi":"U33461","source":"Egen mätning",
 "qualityLevels":{"rod":{"min":0,"max":75},"gul":{"min":76,"max":90},"gron":{"min":91,"max":100}}}
"""#

@Suite struct NyckeltalHTTPTests {
    @Test func defineReplaceListAndVoid() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let created = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.headers[.eTag] == "\"1\"" && created.headers[.location] == "/api/v1/nyckeltal/KF24")
            #expect((created.json["qualityLevels"] as? [String: Any])?["gul"] as? [String: Int] == ["min": 76, "max": 90])
            let again = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
            #expect(again.status == .preconditionRequired && again.headers[.eTag] == "\"1\"")
            let stale = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body, headers: [.ifMatch: "\"9\""])
            #expect(stale.status == .preconditionFailed)
            let replaced = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body, headers: [.ifMatch: "\"1\""])
            #expect(replaced.status == .ok && replaced.json["version"] as? Int == 2)
            let read = try await client.send(.get, "/api/v1/nyckeltal/KF24", as: "lasare")
            #expect(read.status == .ok && read.json["koladaKpi"] as? String == "U33461")
            let csv = try await client.send(.get, "/api/v1/nyckeltal?format=csv", as: "lasare")
            #expect(csv.body.contains("code;name;description;unit;direction;koladaKpi;source;rod.min;rod.max"))
            #expect(csv.body.contains("KF24;Andel ej återaktualiserade barn 0–12 år;"))
            let history = try await client.send(.get, "/api/v1/nyckeltal/KF24/history")
            #expect(history.items.map { $0["action"] as? String } == ["create", "update"])
            let voided = try await client.send(.delete, "/api/v1/nyckeltal/KF24?reason=dubblett", headers: [.ifMatch: "\"2\""])
            #expect(voided.status == .ok && (voided.json["voided"] as? [String: Any])?["reason"] as? String == "dubblett")
            #expect(try await client.send(.get, "/api/v1/nyckeltal").items.isEmpty)
            #expect(try await client.send(.get, "/api/v1/nyckeltal?includeVoided=true").items.count == 1)
            let kodverk = try await client.send(.get, "/api/v1/kodverk", as: "lasare")
            #expect((kodverk.json["kvalitetsniva"] as? [[String: String]])?.map { $0["code"] } == ["rod", "gul", "gron"])
            #expect(kodverk.json["nyckeltalEnhet"] != nil && kodverk.json["nyckeltalRiktning"] != nil)
        }
    }

    @Test func badDefinitionsAreRefusedWithPointers() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let gap = kf24Body.replacingOccurrences(of: #""min":76"#, with: #""min":77"#)
            let reply = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: gap)
            #expect(reply.status == .unprocessableContent && reply.pointers == ["/qualityLevels/gul/min"], "\(reply.body)")
            let many = #"{"code":"X","unit":"liter","direction":"up","colour":1,"qualityLevels":{"rod":{"min":"0","max":1.234},"gul":null}}"#
            let problems = try await client.send(.put, "/api/v1/nyckeltal/KF24", json: many)
            #expect(Set(problems.pointers) == ["/code", "/name", "/unit", "/direction", "/colour", "/qualityLevels/rod/min",
                                               "/qualityLevels/rod/max", "/qualityLevels/gul", "/qualityLevels/gron"], "\(problems.body)")
            #expect(try await client.send(.put, "/api/v1/nyckeltal/K%20F", json: kf24Body).status == .unprocessableContent)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24", as: "lasare", json: kf24Body).status == .forbidden)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24", as: "ifo-kvalitet", json: kf24Body).status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/nyckeltal", as: "rapportor").status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/nyckeltal/NOPE").status == .notFound)
            #expect(try await client.send(.get, "/api/v1/nyckeltal?limit=5").status == .badRequest)
        }
    }

    @Test func valuesCarryTheirLevel() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
            let first = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018H1", as: "kvalitet", json: #"{"unitId":null,"value":67}"#)
            #expect(first.status == .created && first.json["level"] as? String == "rod", "\(first.body)")
            let unit = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018H1", as: "ifo-kvalitet", json: #"{"unitId":"ifo-utr","value":90.5}"#)
            #expect(unit.status == .created && unit.json["level"] as? String == "gron")
            let outside = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2019", json: #"{"value":120}"#)
            #expect(outside.status == .created && outside.json["level"] is NSNull)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018H1", json: #"{"value":70}"#).status == .preconditionRequired)
            let replaced = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018H1", json: #"{"value":80}"#, headers: [.ifMatch: "\"1\""])
            #expect(replaced.status == .ok && replaced.json["level"] as? String == "gul" && replaced.headers[.eTag] == "\"2\"")
            for bad in ["2018H3", "18", "2018-13", "2018Q0"] {
                let reply = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/\(bad)", json: #"{"value":1}"#)
                #expect(reply.status == .unprocessableContent && reply.pointers == ["/period"], "\(bad)")
            }
            let wrong = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018", json: #"{"value":1.005,"unitId":"nowhere","level":"gul"}"#)
            #expect(Set(wrong.pointers) == ["/value", "/level"])
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018", json: #"{"unitId":"nowhere","value":1}"#).pointers == ["/unitId"])
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018", as: "ifo-kvalitet", json: #"{"unitId":"vuxen","value":1}"#).pointers == ["/unitId"])
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018", as: "ifo-kvalitet", json: #"{"value":1}"#).status == .forbidden)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2018", as: "lasare", json: #"{"value":1}"#).status == .forbidden)
            let list = try await client.send(.get, "/api/v1/nyckeltal/KF24/values?from=2018&to=2018", as: "lasare")
            #expect(list.items.map { "\($0["period"]!)/\($0["unitId"] as? String ?? "-")/\($0["level"]!)" } == ["2018H1/-/gul", "2018H1/ifo-utr/gron"])
            #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/values?unitId=ifo").items.count == 1)
            #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/values?from=2018H3").status == .badRequest)
            let csv = try await client.send(.get, "/api/v1/nyckeltal/KF24/values", headers: [.accept: "text/csv"])
            #expect(csv.body.contains("KF24;2018H1;ifo-utr;90,5;gron;1;"))
            let audit = try await client.send(.get, "/api/v1/audit?recordId=nyckeltal/KF24")
            #expect(audit.items.contains { ($0["detail"] as? String)?.contains("67 → 80") == true })
        }
    }

    @Test func analysesAreFreeTextForQualityStaffAndAudited() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
            let body = #"{"currentState":"Resultatet 67 % är för halvåret januari till juni 2018.","factors":"Fler anmälningar","measures":"","consequences":""}"#
            let created = try await client.send(.put, "/api/v1/nyckeltal/KF24/analyses/2018H1", as: "kvalitet", json: body)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"", "\(created.body)")
            let changed = body.replacingOccurrences(of: #""measures":"""#, with: #""measures":"Trappan-utbildning""#)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/analyses/2018H1", json: changed).status == .preconditionRequired)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/analyses/2018H1", json: changed, headers: [.ifMatch: "\"1\""]).status == .ok)
            let read = try await client.send(.get, "/api/v1/nyckeltal/KF24/analyses/2018H1", as: "kvalitet")
            #expect(read.json["measures"] as? String == "Trappan-utbildning" && read.json["version"] as? Int == 2)
            let history = try await client.send(.get, "/api/v1/nyckeltal/KF24/analyses/2018H1/history")
            #expect(history.items.map { $0["changedFields"] as? [String] } == [["currentState", "factors", "measures", "consequences"], ["measures"]])
            #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/analyses").items.map { $0["period"] as? String } == ["2018H1"])
            #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/analyses/2018H1", as: "lasare").status == .forbidden)
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24/analyses/2018H1", as: "ifo-kvalitet", json: body).status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/analyses/2019").status == .notFound)
            let unknown = try await client.send(.put, "/api/v1/nyckeltal/KF24/analyses/2019", json: #"{"currentState":"","notes":"x"}"#)
            #expect(Set(unknown.pointers) == ["/notes", "/currentState"])
            let audit = try await client.send(.get, "/api/v1/audit?recordId=nyckeltal/KF24/analyses/2018H1")
            #expect(audit.items.map { $0["action"] as? String } == ["history", "read", "update", "create"])
        }
    }
}
