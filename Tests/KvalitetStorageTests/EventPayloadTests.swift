import Foundation
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// An event's `data` is written directly, and must be byte for byte what Foundation's encoder wrote
/// before (receivers verify signatures over these bytes, and stored events stay comparable).
@Suite("Event payloads as JSON")
struct EventPayloadTests {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func encoded(_ payload: EventOutbox.Payload) throws -> String {
        String(decoding: try Self.encoder.encode(payload), as: UTF8.self)
    }

    private func payload(
        _ text: String = "x", unitIds: [String] = ["ifo-utr"], previousStatus: String? = nil,
        dates: [String: String] = ["recordDate": "2025-03-02"], deadline: String? = nil, dueOn: String? = nil
    ) -> EventOutbox.Payload {
        .init(
            recordId: "AVV-2025-0001", family: "avvikelse", unitIds: unitIds, status: text,
            previousStatus: previousStatus, dates: dates, link: "/api/v1/avvikelser/AVV-2025-0001",
            deadline: deadline, dueOn: dueOn)
    }

    @Test func aCreatedEventsPayloadIsWhatTheEncoderWrites() throws {
        let created = payload()
        #expect(created.json == (try encoded(created)))
        #expect(created.json.contains(#""link":"/api/v1/avvikelser/AVV-2025-0001""#))
    }

    @Test func everyOptionalMemberAppearsInKeyOrderWhenPresentAsTheEncoderPutsIt() throws {
        let full = payload(
            previousStatus: "inkommen", dates: ["recordDate": "2025-03-02", "closedOn": "2025-04-01", "Z": "1"],
            deadline: "lex_sarah.ivo", dueOn: "2025-03-16")
        #expect(full.json == (try encoded(full)))
        let none = payload(unitIds: [], dates: [:])
        #expect(none.json == (try encoded(none)))
        #expect(none.json.hasPrefix(#"{"dates":{},"family":"#))
    }

    @Test func everyControlCharacterQuoteBackslashAndNonASCIICharacterIsEscapedAsTheEncoderEscapesIt() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let texts = [controls, #"a"b\c/d"#, "åäö Ö ✓ 😀", "\u{7F}\u{2028}\u{2029}", ""]
        for text in texts {
            let odd = payload(text, unitIds: [text, "b"], previousStatus: text, dates: [text: text])
            #expect(odd.json == (try encoded(odd)), "\(Array(text.utf8))")
        }
    }

    @Test func aDatesObjectsKeysAreOrderedByTheirBytesAsTheEncoderOrdersThem() throws {
        let dates = ["b": "1", "B": "2", "a10": "3", "a9": "4", "å": "5", "z": "6", "_": "7"]
        let many = payload(dates: dates)
        #expect(many.json == (try encoded(many)))
    }
}
