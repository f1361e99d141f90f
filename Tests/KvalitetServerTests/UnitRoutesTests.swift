import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("The organisation tree over HTTP")
struct UnitRoutesTests {
    @Test func putCreatesThenReplacesIdempotently() async throws {
        try await TestApp.make().run { client in
            let body = #"{"name":"Sektion 2","level":"sektion","parentId":"ifo-utr"}"#
            let created = try await client.send(.put, "/api/v1/verksamheter/ifo-utr-s2", json: body)
            #expect(created.status == .created)
            #expect(created.json["area"] as? String == "Barn och unga")
            #expect(created.json["ownArea"] is NSNull)
            let again = try await client.send(.put, "/api/v1/verksamheter/ifo-utr-s2", json: body)
            #expect(again.status == .ok)
            #expect(again.body == created.body)
        }
    }

    @Test func theTreeIsListedDepthFirstWithInheritedAreas() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/verksamheter", as: "lasare")
            #expect(reply.items.map { $0["id"] as? String } == ["ifo", "ifo-utr", "ifo-utr-s1", "vuxen"])
            #expect(reply.items.map { $0["area"] as? String } == ["Barn och unga", "Barn och unga", "Barn och unga", "Vuxna"])
        }
    }

    @Test func badUnitsAreRefusedWithPointers() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.put, "/api/v1/verksamheter/ny", json: #"{"level":"kontor","parentId":"saknas","closedOn":"2025-02-30"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/name", "/level", "/closedOn"])
            let badId = try await client.send(.put, "/api/v1/verksamheter/Stora%20Bokstäver", json: #"{"name":"X","level":"sektion"}"#)
            #expect(badId.status == .unprocessableContent)
            let unknownParent = try await client.send(.put, "/api/v1/verksamheter/ny", json: #"{"name":"X","level":"sektion","parentId":"saknas"}"#)
            #expect(unknownParent.pointers == ["/parentId"])
        }
    }

    @Test func aCycleIsAConflict() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.put, "/api/v1/verksamheter/ifo", json: #"{"name":"IFO","level":"forvaltning","parentId":"ifo-utr-s1"}"#)
            #expect(reply.status == .conflict)
        }
    }

    @Test func aUnitWithRecordsCanBeClosedButNotRemoved() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse(unit: "ifo-utr-s1")
            #expect(try await client.send(.delete, "/api/v1/verksamheter/ifo-utr-s1").status == .conflict)
            let closed = try await client.send(.put, "/api/v1/verksamheter/ifo-utr-s1",
                                               json: #"{"name":"Sektion 1","level":"sektion","parentId":"ifo-utr","closedOn":"2025-12-31"}"#)
            #expect(closed.status == .ok)
            #expect(closed.json["closedOn"] as? String == "2025-12-31")
        }
    }
}
