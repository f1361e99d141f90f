import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Retention rules over HTTP")
struct GallringsregelHTTPTests {
    static let body = #"{"family":"avvikelse","years":5,"basis":"closed","decision":"Dnr SN 2025/112","earkivRequired":false}"#

    @Test func aPutCreatesARuleThenGivesItANewVersionKeepingTheOldOne() async throws {
        try await TestApp.make().run { client in
            let created = try await client.send(.put, "/api/v1/gallringsregler/avvikelser", json: Self.body)
            #expect(created.status == .created)
            #expect(created.json["version"] as? Int == 1)
            #expect(created.json["unitId"] is NSNull)
            let changed = try await client.send(
                .put, "/api/v1/gallringsregler/avvikelser", json: Self.body.replacingOccurrences(of: "5", with: "7"))
            #expect(changed.status == .ok)
            #expect(changed.json["version"] as? Int == 2)
            let read = try await client.send(.get, "/api/v1/gallringsregler/avvikelser")
            #expect(read.json["years"] as? Int == 7)
            let versions = read.json["versions"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["years"] as? Int } == [5, 7])
            let list = try await client.send(.get, "/api/v1/gallringsregler")
            #expect(list.items.map { $0["id"] as? String } == ["avvikelser"])
            let audit = try await client.send(.get, "/api/v1/audit?action=gallring_rule_put")
            #expect(audit.items.count == 2)
        }
    }

    @Test func onlyAdminsReadOrChangeRules() async throws {
        try await TestApp.make().run { client in
            #expect(try await client.send(.get, "/api/v1/gallringsregler", as: "kvalitet").status == .forbidden)
            let put = try await client.send(.put, "/api/v1/gallringsregler/x", as: "kvalitet", json: Self.body)
            #expect(put.status == .forbidden)
        }
    }

    @Test func badRulesAreRefusedWithPointersAndChangeNothing() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(
                .put, "/api/v1/gallringsregler/x",
                json: #"{"family":"brev","years":101,"basis":"sometime","unitId":"saknas","version":3}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/family", "/years", "/basis", "/decision", "/earkivRequired", "/version"])
            let unknownUnit = try await client.send(
                .put, "/api/v1/gallringsregler/x",
                json: Self.body.replacingOccurrences(of: "\"years\"", with: "\"unitId\":\"saknas\",\"years\""))
            #expect(unknownUnit.pointers == ["/unitId"])
            #expect(try await client.send(.get, "/api/v1/gallringsregler").items.isEmpty)
        }
    }

    @Test func aSecondRuleForTheSameFamilyAndUnitIsAConflict() async throws {
        try await TestApp.make().run { client in
            #expect(try await client.send(.put, "/api/v1/gallringsregler/a", json: Self.body).status == .created)
            let second = try await client.send(.put, "/api/v1/gallringsregler/b", json: Self.body)
            #expect(second.status == .conflict)
            let scoped = Self.body.replacingOccurrences(of: "\"years\"", with: "\"unitId\":\"ifo\",\"years\"")
            #expect(try await client.send(.put, "/api/v1/gallringsregler/b", json: scoped).status == .created)
        }
    }

    @Test func anUnknownRuleIsNotFound() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/gallringsregler/saknas")
            #expect(reply.status == .notFound)
            #expect(reply.json["detail"] as? String == "no gallring rule saknas")
        }
    }
}
