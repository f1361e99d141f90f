import Foundation
import Hummingbird
import KvalitetDomain
@testable import KvalitetServer
import KvalitetStorage
import Testing

@Suite("E-mail recipients over HTTP")
struct EpostmottagareRoutesTests {
    static let body = #"{"address":"lexsarah@kommun.se","eventKinds":["lex_sarah.received"],"unitId":"ifo"}"#

    @Test func anAdminCreatesReadsListsAndDeletesARecipientAndEachWriteIsAudited() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let created = try await client.send(.post, "/api/v1/epostmottagare", json: Self.body)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            #expect(id.hasPrefix("ep_") && created.headers[.location] == "/api/v1/epostmottagare/\(id)")
            #expect(created.json["address"] as? String == "lexsarah@kommun.se")
            #expect(created.json["eventKinds"] as? [String] == ["lex_sarah.received"])
            let read = try await client.send(.get, "/api/v1/epostmottagare/\(id)")
            #expect(read.status == .ok && read.json["unitId"] as? String == "ifo")
            let deliveries = try #require(read.json["deliveries"] as? [String: Any])
            #expect(deliveries["pending"] as? Int == 0 && deliveries["sent"] as? Int == 0)
            #expect(deliveries["failed"] as? Int == 0 && deliveries["lastError"] is NSNull)
            #expect(try await client.send(.get, "/api/v1/epostmottagare").items.map { $0["id"] as? String } == [id])
            #expect(try await client.send(.delete, "/api/v1/epostmottagare/\(id)").status == .noContent)
            #expect(try await client.send(.get, "/api/v1/epostmottagare/\(id)").status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/epostmottagare/\(id)").status == .notFound)
            let audit = try await app.services.audit.entries(AuditQuery())
            let actions = audit.filter { $0.detail == id }.map(\.action)
            #expect(Set(actions) == ["epostmottagare_create", "epostmottagare_delete"])
            #expect(!audit.contains { $0.detail?.contains("lexsarah@") == true }, "no address in the audit log")
        }
    }

    @Test func badAddressesUnknownKindsMissingMembersAndUnknownFieldsAreRefusedWithCodesAndPointers() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let bad = try await client.send(
                .post, "/api/v1/epostmottagare", json: #"{"address":"inte en adress","eventKinds":["record.read"],"x":1}"#)
            #expect(bad.status == .unprocessableContent && bad.isProblem)
            let errors = bad.json["errors"] as? [[String: Any]] ?? []
            let codes = Dictionary(uniqueKeysWithValues: errors.map { ($0["pointer"] as? String ?? "", $0["code"] as? String ?? "") })
            #expect(codes == ["/address": "invalid_format", "/eventKinds/0": "not_in_kodverk", "/x": "unknown_field"])
            let missing = try await client.send(.post, "/api/v1/epostmottagare", json: #"{"eventKinds":[]}"#)
            #expect(Set(missing.pointers) == ["/address", "/eventKinds"])
            let unit = try await client.send(
                .post, "/api/v1/epostmottagare",
                json: #"{"address":"a@kommun.se","eventKinds":["record.created"],"unitId":"nej"}"#)
            #expect(unit.status == .unprocessableContent && unit.pointers == ["/unitId"])
            #expect(try await client.send(.get, "/api/v1/epostmottagare").items.isEmpty)
        }
    }

    @Test func theSameAddressTwiceForOneSubtreeIsAConflict() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let first = try await client.send(.post, "/api/v1/epostmottagare", json: Self.body)
            #expect(first.status == .created)
            let again = Self.body.replacingOccurrences(of: "lexsarah@", with: "LexSarah@")
            #expect(try await client.send(.post, "/api/v1/epostmottagare", json: again).status == .conflict)
            let otherUnit = Self.body.replacingOccurrences(of: #""ifo""#, with: #""vuxen""#)
            #expect(try await client.send(.post, "/api/v1/epostmottagare", json: otherUnit).status == .created)
        }
    }

    @Test func onlyAdminsManageRecipients() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            for role in ["kvalitet", "lasare", "rapportor"] {
                let list = try await client.send(.get, "/api/v1/epostmottagare", as: role)
                let create = try await client.send(.post, "/api/v1/epostmottagare", as: role, json: Self.body)
                #expect(list.status == .forbidden && create.status == .forbidden, "\(role)")
            }
        }
    }

    @Test func theDatabaseRefusesAnAddressWithoutADomainEvenPastTheDomain() async throws {
        let app = try await TestApp.make()
        await #expect(throws: (any Error).self) {
            try await app.services.database.write { db in
                try db.execute(sql: """
                    INSERT INTO mail_recipients (id, address, event_kinds, created_at, created_by)
                    VALUES ('ep_1', 'ingen-doman', 'record.created', '2026-01-15T12:00:00Z', 'test')
                    """)
            }
        }
    }
}
