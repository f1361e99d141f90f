import HTTPTypes
import Hummingbird
import Testing

@Suite("Roles and unit scoping")
struct AccessTests {
    @Test func aLasareReadsUnitsAndKodverkButNeverARecord() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            #expect(try await client.send(.get, "/api/v1/verksamheter", as: "lasare").status == .ok)
            #expect(try await client.send(.get, "/api/v1/kodverk", as: "lasare").status == .ok)
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)", as: "lasare").status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/avvikelser", as: "lasare").status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)/history", as: "lasare").status == .forbidden)
            let create = try await client.send(.post, "/api/v1/avvikelser", as: "lasare", json: "{}")
            #expect(create.status == .forbidden)
        }
    }

    @Test func aFormsRapportorTokenCreatesAndGetsAReceiptButNeverReadsRecordsBack() async throws {
        try await TestApp.make().run { client in
            let body = #"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"ovrigt"}"#
            let created = try await client.send(.post, "/api/v1/avvikelser", as: "rapportor", json: body)
            #expect(created.status == .created && created.json["recordId"] as? String == "AVV-2025-0001")
            #expect(created.json["description"] == nil && created.json["title"] == nil)
            let mine = "AVV-2025-0001"
            let refused = try await client.send(.get, "/api/v1/avvikelser/\(mine)", as: "rapportor")
            #expect(refused.status == .forbidden && refused.body.contains("receipt"))
            #expect(try await client.send(.get, "/api/v1/avvikelser", as: "rapportor").status == .forbidden)
            let patch = try await client.send(.patch, "/api/v1/avvikelser/\(mine)", as: "rapportor", json: "{}",
                                              contentType: "application/merge-patch+json", headers: [.ifMatch: "\"1\""])
            #expect(patch.status == .forbidden)
        }
    }

    @Test func aScopedTokenSeesNothingOutsideItsUnitsNotEvenThatItExists() async throws {
        try await TestApp.make().run { client in
            let inside = try await client.createAvvikelse(unit: "ifo-utr-s1")
            let outside = try await client.createAvvikelse(unit: "vuxen")
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(inside)", as: "ifo-kvalitet").status == .ok)
            let hidden = try await client.send(.get, "/api/v1/avvikelser/\(outside)", as: "ifo-kvalitet")
            #expect(hidden.status == .notFound)
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(outside)/history", as: "ifo-kvalitet").status == .notFound)
            let list = try await client.send(.get, "/api/v1/avvikelser", as: "ifo-kvalitet")
            #expect(list.items.map { $0["id"] as? String } == [inside])
            let csv = try await client.send(.get, "/api/v1/avvikelser?format=csv", as: "ifo-kvalitet")
            #expect(!csv.body.contains(outside))
            let change = try await client.send(.post, "/api/v1/avvikelser/\(outside)/transitions", as: "ifo-kvalitet",
                                               json: #"{"to":"under_utredning"}"#, headers: [.ifMatch: "\"1\""])
            #expect(change.status == .notFound)
            let create = try await client.send(.post, "/api/v1/avvikelser", as: "ifo-kvalitet",
                                               json: #"{"unitId":"vuxen","title":"T","receivedOn":"2025-03-02","category":"ovrigt"}"#)
            #expect(create.status == .unprocessableContent)
        }
    }

    @Test func onlyAdminsChangeUnitsAndReadTheAuditLog() async throws {
        try await TestApp.make().run { client in
            for token in ["kvalitet", "rapportor", "lasare"] {
                let put = try await client.send(.put, "/api/v1/verksamheter/ny", as: token, json: #"{"name":"Ny","level":"sektion"}"#)
                #expect(put.status == .forbidden, "\(token)")
                #expect(try await client.send(.get, "/api/v1/audit", as: token).status == .forbidden, "\(token)")
            }
        }
    }

    @Test func theAuditLogShowsEveryDetailReadWithTokenAndRequestId() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let read = try await client.send(.get, "/api/v1/avvikelser/\(id)", as: "kvalitet")
            let audit = try await client.send(.get, "/api/v1/audit?recordId=\(id)&token=kvalitet")
            #expect(audit.status == .ok)
            #expect(audit.items.count == 1)
            #expect(audit.items.first?["action"] as? String == "read")
            #expect(audit.items.first?["requestId"] as? String == read.headers[HTTPField.Name("X-Request-Id")!])
            let paged = try await client.send(.get, "/api/v1/audit?limit=1")
            #expect(paged.items.count == 1)
            #expect(paged.json["nextCursor"] is String)
        }
    }
}
