import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import KvalitetStorage
import Testing

@Suite("Lex Sarah notes over HTTP")
struct LexSarahNoteHTTPTests {
    let family = Family.lexSarah
    let path = "/api/v1/lex-sarah/LXS-2025-0001"
    let note = #"{"documentedOn":"2025-03-04","source":"Intervju med enhetschef","kind":"faktum","authorName":"Eva Ek","authorTitle":"Utredare","text":"Två personal var i tjänst"}"#

    @Test func aNoteIsAppendedWithoutIfMatchNumberedAndAudited() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            let reply = try await client.send(.post, path + "/notes", as: "kvalitet", json: note)
            #expect(reply.status == .created)
            #expect(reply.headers[.location] == path)
            #expect(reply.headers[.eTag] == "\"2\"")
            let notes = reply.json["notes"] as? [[String: Any]] ?? []
            #expect(notes.count == 1)
            #expect(notes.first?["number"] as? Int == 1)
            #expect(notes.first?["kind"] as? String == "faktum")
            #expect(notes.first?["addedBy"] as? String == "kvalitet")
            #expect(notes.first?["addedAt"] as? String == "2026-01-15T12:00:00.000Z")
            let second = try await client.send(.post, path + "/notes", json: note.replacingOccurrences(of: "faktum", with: "bedomning"))
            #expect((second.json["notes"] as? [[String: Any]])?.map { $0["number"] as? Int } == [1, 2])
            let audit = try await client.send(.get, "/api/v1/audit?recordId=LXS-2025-0001")
            #expect(audit.items.compactMap { $0["action"] as? String } == ["note", "note", "create"])
        }
    }

    @Test func aStaleIfMatchOnANoteIs412AndAddsNothing() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            try await client.patch(path, #"{"title":"Ny"}"#, version: 1)
            let reply = try await client.send(.post, path + "/notes", json: note, headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .preconditionFailed)
            #expect((try await client.stored(path)["notes"] as? [Any])?.isEmpty == true)
            #expect(try await client.send(.post, path + "/notes", json: note, headers: [.ifMatch: "\"2\""]).status == .created)
        }
    }

    @Test func anIncompleteNoteReportsEveryMissingField() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            let reply = try await client.send(.post, path + "/notes", json: #"{"kind":"rykte","number":3,"text":""}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.pointers) == ["/kind", "/number", "/text", "/documentedOn", "/source", "/authorName", "/authorTitle"])
            let early = try await client.send(.post, path + "/notes", json: note.replacingOccurrences(of: "2025-03-04", with: "2025-03-01"))
            #expect(early.pointers == ["/documentedOn"])
        }
    }

    @Test func notesCannotBeChangedThroughPatchOrTransitions() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            try await client.send(.post, path + "/notes", json: note)
            let patch = try await client.patch(path, #"{"notes":[]}"#, version: 2)
            #expect(patch.status == .unprocessableContent)
            #expect(patch.pointers == ["/notes"])
            let step = try await client.step(path, to: "under_utredning", version: 2, #","notes":null"#)
            #expect(step.pointers == ["/notes"])
            let edited = try await client.patch(path, #"{"title":"Ändrad rubrik"}"#, version: 2)
            #expect(edited.status == .ok)
            #expect((edited.json["notes"] as? [[String: Any]])?.first?["text"] as? String == "Två personal var i tjänst")
        }
    }

    @Test func notesAreKeptInTheAppendOnlyTable() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            try await client.create(family.collection, family.body)
            try await client.send(.post, path + "/notes", json: note)
        }
        let rows = try await app.services.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT number, kind, author_name, added_by FROM lex_sarah_notes WHERE record_id = 'LXS-2025-0001'")
        }
        #expect(rows.count == 1)
        #expect(rows.first?["author_name"] == "Eva Ek")
        #expect(rows.first?["added_by"] == "admin")
    }

    @Test func onlyQualityStaffAddNotesAndNeverToAVoidedReport() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body, as: "rapportor")
            #expect(try await client.send(.post, path + "/notes", as: "rapportor", json: note).status == .forbidden)
            #expect(try await client.send(.post, path + "/notes", as: "lasare", json: note).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/lex-sarah/LXS-2025-0009/notes", json: note).status == .notFound)
            try await client.send(.delete, path + "?reason=felregistrerad", headers: [.ifMatch: "\"1\""])
            #expect(try await client.send(.post, path + "/notes", json: note).status == .conflict)
        }
    }

    @Test func historyShowsEachNoteAsAVersion() async throws {
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            try await client.send(.post, path + "/notes", json: note)
            let history = try await client.send(.get, path + "/history")
            #expect(history.items.map { $0["version"] as? Int } == [1, 2])
            #expect((history.items.last?["changedFields"] as? [String]) == ["notes"])
        }
    }
}
