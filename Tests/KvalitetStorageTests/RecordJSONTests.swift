import Foundation
import GRDB
import KvalitetDemo
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// A record's stored JSON is written by `RecordJSON`, and must be byte for byte what Foundation's
/// `JSONEncoder` (sorted keys, dates as milliseconds) wrote before: bodies and history are compared
/// as text, and every record stored before this writer must stay the same text.
@Suite("Record bodies as JSON")
struct RecordJSONTests {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Whether `record` is the same text from both writers; throws what either throws.
    private static func same<K: StoredKind>(_ record: CaseRecord<K>) throws -> Bool {
        try RecordJSON.encode(record) == Array(try encoder.encode(record))
    }

    private static func decodeAndCompare<K: StoredKind>(_ kind: K.Type, _ snapshot: String) throws -> Bool {
        let record = try RecordCodec.decode(snapshot, as: kind)
        return try same(record) && RecordCodec.encode(record) == snapshot
    }

    @Test func everyVersionOfEveryDemoRecordOfEveryFamilyIsTheTextTheEncoderWrites() async throws {
        let test = try TestDatabase()
        _ = try await DemoLoader(test.database).load(years: 1, scale: 1, batchSize: 100)
        let rows = try await test.database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.family, v.record_id, v.version, v.snapshot
                FROM record_versions v JOIN records r ON r.id = v.record_id ORDER BY v.record_id, v.version
                """)
        }
        var families: Set<String> = []
        var differing: [String] = []
        for row in rows {
            let family: String = row["family"], snapshot: String = row["snapshot"]
            let kind = try #require(RecordFamily(rawValue: family)).storedKind
            if try !Self.decodeAndCompare(kind, snapshot) { differing.append("\(row["record_id"] as String) v\(row["version"] as Int)") }
            families.insert(family)
        }
        #expect(rows.count > 200)
        #expect(families == Set(RecordFamily.allCases.map(\.rawValue)))
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test func controlCharactersQuotesSlashesAndNonASCIITextAreEscapedAsTheEncoderEscapesThem() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        for text in [controls, #"a"b\c/d </script>"#, "åäö Ö ✓ 😀 \u{7F}\u{2028}", ""] {
            var record = try Self.avvikelse()
            record.fields.description = text
            record.fields.title = text + "x"
            #expect(try Self.same(record), "\(Array(text.utf8))")
        }
    }

    @Test func timesWithFractionsOfAMillisecondAndBefore1970AreTheNumbersTheEncoderWrites() throws {
        for seconds in [1_735_689_600.123_4, 0, -86_400.5, 1_735_689_600, 4_102_444_800.999] {
            var record = try Self.avvikelse()
            record.createdAt = Date(timeIntervalSince1970: seconds)
            record.updatedAt = Date(timeIntervalSinceReferenceDate: seconds / 3)
            #expect(try Self.same(record), "\(seconds)")
        }
    }

    @Test func absentOptionalsAreLeftOutAndEmptyListsWritten() throws {
        var record = try Self.avvikelse()
        record.fields.occurredOn = nil
        record.fields.closedOn = nil
        record.fields.measures = []
        record.voided = nil
        let text = try RecordCodec.encode(record)
        #expect(!text.contains("occurredOn") && !text.contains("voided") && text.contains(#""measures":[]"#))
        #expect(try Self.same(record))
    }

    @Test func aNumberThatIsNotFiniteIsRefusedAsTheEncoderRefusesIt() throws {
        #expect(throws: EncodingError.self) { try RecordJSON.encode(["n": Double.nan]) }
        #expect(throws: EncodingError.self) { try Self.encoder.encode(["n": Double.nan]) }
    }

    /// Values no record holds today, written as the encoder writes them should a family gain one:
    /// URLs, data and decimals go to Foundation's encoder, floats and nested empty values are written here.
    private struct Unusual: Encodable {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        var link = URL(string: "https://kommun.se/a/b?c=d")!
        var bytes = Data([0, 1, 2, 250])
        var amount = Decimal(string: "12.50")!
        var share: Float = 0.1
        var whole: Float = 3
        var nothing = Nothing()
        var dates = [Date(timeIntervalSince1970: 1.5)]
    }

    @Test func urlsDataDecimalsFloatsAndEmptyValuesAreWrittenAsTheEncoderWritesThem() throws {
        var plain = Unusual()
        #expect(try RecordJSON.encode(plain) == Array(try Self.encoder.encode(plain)))
        let floats = ["share": plain.share, "whole": plain.whole, "tiny": 1e-7, "large": 3e38]
        #expect(try RecordJSON.encode(floats) == Array(try Self.encoder.encode(floats)))
        let nested = ["nothing": Unusual.Nothing()]
        #expect(try RecordJSON.encode(nested) == Array(try Self.encoder.encode(nested)))
        plain.dates = []
        #expect(try RecordJSON.encode([plain]) == Array(try Self.encoder.encode([plain])))
        #expect(throws: EncodingError.self) { try RecordJSON.encode(Unusual.Nothing()) }
        #expect(throws: EncodingError.self) { try Self.encoder.encode(Unusual.Nothing()) }
    }

    private static func avvikelse() throws -> CaseRecord<Avvikelse> {
        let now = Date(timeIntervalSince1970: 1_768_478_400)
        return try RecordStore<Avvikelse>.fresh(
            TestDatabase.avvikelse(), by: TestDatabase.admin, at: now,
            tree: OrgTree([OrgUnit(id: "ifo-utr", name: "Utredning", level: .sektion, parentId: nil, area: nil)])
        ) { _ in 1 }
    }
}
