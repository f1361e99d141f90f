import Foundation
import GRDB
import Hummingbird
@testable import KvalitetServer
import Testing

/// Text as people type it, over HTTP: normalised when stored, found by search however it was typed,
/// and refused when a required text holds nothing visible.
@Suite("Text as people type it")
struct TextInputTests {
    static func avvikelse(title: String, description: String = "") -> String {
        let escapedTitle = String(decoding: try! JSONEncoder().encode(title), as: UTF8.self)
        let escapedDescription = String(decoding: try! JSONEncoder().encode(description), as: UTF8.self)
        return #"{"unitId":"ifo-utr","title":\#(escapedTitle),"description":\#(escapedDescription),"#
            + #""receivedOn":"2025-03-02","category":"bemotande"}"#
    }

    /// Titles as typed (decomposed, composed, upper case) and the searches that must find them.
    static let searchRows: [(title: String, query: String)] = [
        ("Bemo\u{308}tande pa\u{30A} A\u{30A}rsta", "årsta"),
        ("Bemo\u{308}tande pa\u{30A} A\u{30A}rsta", "ÅRSTA"),
        ("Bemo\u{308}tande pa\u{30A} A\u{30A}rsta", "a\u{30A}rsta"),
        ("Bemötande på Årsta", "A\u{30A}RSTA"),
        ("Sa\u{308}kerhet i ko\u{308}ket", "säkerhet i kök"),
        ("Cafe\u{301} Öster", "CAFÉ ö"),
        ("E\u{301}lise", "élise"),
    ]

    @Test func aTitleIsFoundWhateverFormItAndTheQueryWereTypedIn() async throws {
        try await TestApp.make().run { client in
            for (index, row) in Self.searchRows.enumerated() {
                let created = try await client.send(.post, "/api/v1/avvikelser", json: Self.avvikelse(title: row.title))
                #expect(created.status == .created, "\(created.body)")
                let id = created.json["id"] as? String
                let stored = created.json["title"] as? String ?? ""
                let nfc = row.title.precomposedStringWithCanonicalMapping
                #expect(Array(stored.unicodeScalars) == Array(nfc.unicodeScalars),
                        "stored in NFC: \(row.title)")
                let query = row.query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let found = try await client.send(.get, "/api/v1/avvikelser?q=\(query)")
                let ids = found.items.compactMap { $0["id"] as? String }
                #expect(ids.contains(id ?? "-"), "row \(index): \(row.query)")
            }
        }
    }

    @Test func aTitleStoredDecomposedBeforeNormalisationIsStillFound() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            let id = try await client.createAvvikelse()
            // As a title typed on a Mac was folded before: lower case of the decomposed text.
            try await app.services.database.pool.write { db in
                try db.execute(sql: "UPDATE records SET title_folded = ? WHERE id = ?",
                               arguments: ["bemo\u{308}tande pa\u{30A} a\u{30A}rsta", id])
            }
            let found = try await client.send(.get, "/api/v1/avvikelser?q=%C3%A5rsta")
            #expect(found.items.map { $0["id"] as? String } == [id])
        }
    }

    /// Required texts that hold nothing visible, with the pointer each refusal must name.
    static let blankRows: [(body: String, pointer: String)] = [
        (avvikelse(title: "   "), "/title"),
        (avvikelse(title: "\u{A0}\u{A0}"), "/title"),
        (avvikelse(title: "\u{200B}"), "/title"),
        (avvikelse(title: "\u{FEFF}"), "/title"),
        (avvikelse(title: " \u{200D}\u{2060} "), "/title"),
        (avvikelse(title: "Titel", description: "ok\u{7}"), "/description"),
        (avvikelse(title: "Titel", description: "ok\u{1B}[31m"), "/description"),
        (avvikelse(title: "Titel", description: "ok\u{85}"), "/description"),
        (#"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"ovrigt","#
            + #""measures":[{"description":"\u00a0"}]}"#,
         "/measures/0/description"),
    ]

    @Test func aRequiredTextOfOnlyInvisibleCharactersOrAControlCharacterIsRefusedWithAPointer() async throws {
        try await TestApp.make().run { client in
            for row in Self.blankRows {
                let reply = try await client.send(.post, "/api/v1/avvikelser", json: row.body)
                #expect(reply.status == .unprocessableContent, "\(row.body): \(reply.body)")
                #expect(reply.pointers == [row.pointer], "\(row.body)")
            }
            let list = try await client.send(.get, "/api/v1/avvikelser")
            #expect(list.items.isEmpty)
            let unit = try await client.send(.put, "/api/v1/verksamheter/ny",
                                             json: #"{"name":"\u200b ","level":"sektion"}"#)
            #expect(unit.status == .unprocessableContent)
            #expect(unit.pointers == ["/name"])
        }
    }

    static let lines = "Rad ett\r\nrad\ttvå\n"

    @Test func lineBreaksAndTabsInLongTextsAreKept() async throws {
        try await TestApp.make().run { client in
            let created = try await client.send(.post, "/api/v1/avvikelser",
                                                json: Self.avvikelse(title: "Titel", description: Self.lines))
            #expect(created.status == .created)
            let id = created.json["id"] as? String ?? ""
            let read = try await client.send(.get, "/api/v1/avvikelser/\(id)")
            #expect(read.json["description"] as? String == Self.lines)
        }
    }

    @Test func aBlankSearchIsRefused() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/avvikelser?q=%E2%80%8B%20")
            #expect(reply.status == .badRequest)
        }
    }
}
