import Foundation
import HTTPTypes
import Hummingbird
import KvalitetStorage
import Testing

/// What every record family shares over HTTP, checked for each of the five later ones.
@Suite("Every record family over HTTP")
struct FamiliesHTTPTests {
    @Test(arguments: Family.all)
    func aCreatedRecordHasItsCaseNumberLocationAndETag(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(family.collection, family.body)
            #expect(created.json["id"] as? String == family.firstId)
            #expect(created.headers[.location] == "\(family.collection)/\(family.firstId)")
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(created.json["version"] as? Int == 1)
            #expect(created.json["createdBy"] as? String == "admin")
            #expect(created.json["voided"] is NSNull)
            let read = try await client.send(.get, "\(family.collection)/\(family.firstId)")
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(read.json["title"] as? String == created.json["title"] as? String)
        }
    }

    @Test(arguments: Family.all)
    func anEmptyBodyReportsEveryMissingFieldAtOnce(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, family.collection, json: "{}")
            #expect(reply.status == .unprocessableContent)
            #expect(reply.isProblem)
            #expect(reply.pointers.count >= 3, "\(reply.pointers)")
            #expect(reply.pointers.contains("/title"))
            #expect(try await client.send(.get, family.collection).items.isEmpty)
        }
    }

    @Test(arguments: Family.all)
    func unknownAndReadOnlyFieldsAreRefusedWithTheirPointers(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let body = family.body.dropLast() + #","titel":"typo","id":"X","status":"avslutad"}"#
            let reply = try await client.send(.post, family.collection, json: String(body))
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/titel", "/id", "/status"])
        }
    }

    @Test(arguments: Family.all)
    func aUnitThatDoesNotExistOrIsClosedIsRefusedAtItsPointer(_ family: Family) async throws {
        try await TestApp.make().run { client in
            try await client.send(.put, "/api/v1/verksamheter/gammal", json: #"{"name":"Gammal","level":"sektion","parentId":"ifo","closedOn":"2024-12-31"}"#)
            let missing = try await client.send(.post, family.collection, json: family.body(unit: "finns-inte"))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.pointers == [family.unitPointer])
            let closed = try await client.send(.post, family.collection, json: family.body(unit: "gammal"))
            #expect(closed.status == .unprocessableContent)
            #expect(closed.pointers == [family.unitPointer])
            #expect((closed.json["detail"] as? String)?.contains("not open") == true)
        }
    }

    @Test(arguments: Family.all)
    func aCaseNumberOfAnotherFamilyIsNotFound(_ family: Family) async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            #expect(try await client.send(.get, "\(family.collection)/AVV-2025-0001").status == .notFound)
        }
    }

    @Test(arguments: Family.all)
    func changesNeedIfMatchAndAStaleOneChangesNothing(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let path = "\(family.collection)/\(family.firstId)"
            try await client.create(family.collection, family.body)
            let without = try await client.send(.post, path + "/transitions", json: #"{"to":"\#(family.firstStep)"}"#)
            #expect(without.status == .preconditionRequired)
            #expect(try await client.patch(path, #"{"title":"Ny rubrik"}"#, version: 1).status == .ok)
            let stale = try await client.step(path, to: family.firstStep, version: 1)
            #expect(stale.status == .preconditionFailed)
            let stored = try await client.stored(path)
            #expect(stored["title"] as? String == "Ny rubrik")
            #expect(stored["version"] as? Int == 2)
            let stepped = try await client.step(path, to: family.firstStep, version: 2)
            #expect(stepped.status == .ok, "\(stepped.body)")
            #expect(stepped.json["status"] as? String == family.firstStep)
        }
    }

    @Test(arguments: Family.all)
    func aVoidedRecordKeepsItsNumberLeavesListsAndCannotChange(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let path = "\(family.collection)/\(family.firstId)"
            try await client.create(family.collection, family.body)
            let voided = try await client.send(.delete, path + "?reason=dubblett", headers: [.ifMatch: "\"1\""])
            #expect(voided.status == .ok)
            #expect((voided.json["voided"] as? [String: Any])?["reason"] as? String == "dubblett")
            #expect(try await client.send(.get, family.collection).items.isEmpty)
            #expect(try await client.send(.get, family.collection + "?includeVoided=true").items.count == 1)
            #expect(try await client.patch(path, #"{"title":"x"}"#, version: 2).status == .conflict)
            let next = try await client.create(family.collection, family.body)
            #expect(next.json["id"] as? String == "\(family.prefix)-2025-0002")
        }
    }

    @Test(arguments: Family.all)
    func historyShowsEveryVersionWithWhatChangedAndReadsAreAudited(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let path = "\(family.collection)/\(family.firstId)"
            try await client.create(family.collection, family.body, as: "kvalitet")
            try await client.patch(path, #"{"description":"Mer om saken"}"#, version: 1)
            let history = try await client.send(.get, path + "/history")
            #expect(history.items.map { $0["version"] as? Int } == [1, 2])
            #expect(history.items.map { $0["changedBy"] as? String } == ["kvalitet", "admin"])
            #expect((history.items.last?["changedFields"] as? [String])?.contains("description") == true)
            let audit = try await client.send(.get, "/api/v1/audit?recordId=\(family.firstId)")
            #expect(audit.items.compactMap { $0["action"] as? String } == ["history", "update", "create"])
        }
    }

    @Test(arguments: Family.all)
    func theSameIdempotencyKeyCreatesOneRecord(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "form-1"]
            let first = try await client.send(.post, family.collection, json: family.body, headers: key)
            let again = try await client.send(.post, family.collection, json: family.body, headers: key)
            #expect(first.status == .created && again.status == .created)
            #expect(again.json["id"] as? String == family.firstId)
            #expect(try await client.send(.get, family.collection).items.count == 1)
        }
    }

    @Test(arguments: Family.all)
    func rolesAndUnitScopesDecideWhoSeesWhat(_ family: Family) async throws {
        try await TestApp.make().run { client in
            let outside = try await client.create(family.collection, family.body(unit: "vuxen"))
            let own = try await client.create(family.collection, family.body, as: "rapportor")
            let outsidePath = "\(family.collection)/\(outside.json["id"] as? String ?? "")"
            let ownPath = "\(family.collection)/\(own.json["recordId"] as? String ?? "")"
            // A form's token gets a receipt for what it created and reads no record back, not even its own.
            let receipt = own.json["receipt"] as? String ?? ""
            #expect(try await client.send(.get, "/api/v1/kvitton/\(receipt)", as: nil).status == .ok)
            #expect(try await client.send(.get, ownPath, as: "rapportor").status == .forbidden)
            #expect(try await client.send(.get, outsidePath, as: "rapportor").status == .forbidden)
            #expect(try await client.send(.get, family.collection, as: "rapportor").status == .forbidden)
            #expect(try await client.send(.get, ownPath, as: "lasare").status == .forbidden)
            #expect(try await client.send(.post, family.collection, as: "lasare", json: family.body).status == .forbidden)
            #expect(try await client.send(.get, outsidePath, as: "ifo-kvalitet").status == .notFound)
            #expect(try await client.send(.get, family.collection, as: "ifo-kvalitet").items.count == 1)
            #expect(try await client.send(.post, family.collection, as: "ifo-kvalitet", json: family.body(unit: "vuxen")).status
                    == .unprocessableContent)
        }
    }

    @Test(arguments: Family.all)
    func listsFilterOnTheFamilysCategoryAndRefuseOtherCodes(_ family: Family) async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            #expect(try await client.send(.get, family.collection + "?category=\(family.category)").items.count == 1)
            #expect(try await client.send(.get, family.collection + "?category=inget_sadant").status == .badRequest)
            #expect(try await client.send(.get, family.collection + "?status=\(family.firstStep)").items.isEmpty)
            #expect(try await client.send(.get, family.collection + "?unitId=ifo&from=2025-01-01&q=\(family.firstWord)").items.count == 1)
            let overdue = try await client.send(.get, family.collection + "?overdue=true")
            #expect(overdue.status == (family.hasDeadlines ? .ok : .badRequest))
        }
    }

    @Test(arguments: Family.all)
    func csvHasABomSemicolonsAndNoFreeTextUnlessAskedForWhichIsAudited(_ family: Family) async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body.dropLast() + #","description":"Känsligt; om brukaren"}"#)
            let csv = try await client.send(.get, family.collection + "?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("\u{FEFF}id;status;") == true)
            #expect(!csv.body.contains("Känsligt"))
            #expect(!(lines.first ?? "").contains("description"))
            let withText = try await client.send(.get, family.collection + "?format=csv&includeText=true")
            #expect(withText.body.contains("\"Känsligt; om brukaren\""))
            let audit = try await client.send(.get, "/api/v1/audit?recordId=\(family.firstId)")
            #expect(audit.items.compactMap { $0["action"] as? String }.first == "export")
        }
    }
}

extension Family {
    /// The first word of the body's title, for the `q` filter.
    var firstWord: String {
        let title = body.components(separatedBy: #""title":""#)[1]
        return String(title.prefix { $0 != " " && $0 != "\"" }).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
