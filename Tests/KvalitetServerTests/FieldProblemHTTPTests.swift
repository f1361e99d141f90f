import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
@testable import KvalitetServer
import Testing

/// Field problems as a form receives them: a stable code with its parameters beside the pointer, and
/// the texts in Swedish when the browser prefers Swedish.
@Suite("Field problems over HTTP")
struct FieldProblemHTTPTests {
    /// The members of a valid create body, as JSON literals.
    static let valid: [String: String] = [
        "unitId": #""ifo-utr""#, "title": #""Journal saknades""#, "receivedOn": #""2025-03-02""#,
        "category": #""dokumentation""#,
    ]

    /// A create body with some members replaced by JSON literals (`nil` leaves one out), and the
    /// pointer, code and parameters expected.
    static let rows: [(change: [String: String?], pointer: String, code: String, parameters: [String: String])] = [
        (["title": nil], "/title", "required", [:]),
        (["title": "\"" + String(repeating: "å", count: 201) + "\""], "/title", "too_long",
         ["maxLength": "200", "length": "201"]),
        (["title": #"" \u200B ""#], "/title", "blank", [:]),
        (["title": "7"], "/title", "wrong_type", ["expected": "string", "actual": "number"]),
        (["category": #""okand""#], "/category", "not_in_kodverk", ["kodverk": "avvikelseKategori"]),
        (["receivedOn": #""2999-01-01""#], "/receivedOn", "in_future", ["today": "2026-01-15"]),
        (["receivedOn": #""2025-13-01""#], "/receivedOn", "not_a_date", [:]),
        (["occurredOn": #""2025-03-05""#], "/occurredOn", "after", ["other": "receivedOn", "value": "2025-03-02"]),
        (["unitId": #""nowhere""#], "/unitId", "unknown_unit", ["unitId": "nowhere"]),
        (["status": #""avslutad""#], "/status", "read_only", [:]),
        (["colour": #""blå""#], "/colour", "unknown_field", [:]),
    ]

    static func body(_ change: [String: String?]) -> String {
        var body = valid
        for (key, value) in change { body[key] = value }
        return "{" + body.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static func error(_ reply: TestApp.Reply, at pointer: String) -> [String: Any]? {
        (reply.json["errors"] as? [[String: Any]])?.first { $0["pointer"] as? String == pointer }
    }

    @Test(arguments: rows.indices)
    func eachFieldProblemCarriesItsCodeAndParametersBesideThePointer(index: Int) async throws {
        let row = Self.rows[index]
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: Self.body(row.change))
            #expect(reply.status == .unprocessableContent, "\(reply.body)")
            let error = Self.error(reply, at: row.pointer)
            #expect(error?["code"] as? String == row.code, "\(reply.body)")
            for (name, value) in row.parameters {
                #expect(error.map { "\($0[name] ?? "–")" } == value, "\(row.code).\(name): \(reply.body)")
            }
            #expect(reply.headers[.contentLanguage] == "en")
            let listed = try await client.send(.get, "/api/v1/avvikelser")
            #expect(listed.items.isEmpty, "nothing was stored")
        }
    }

    @Test func aKodverkProblemListsTheAllowedCodes() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: Self.body(["category": #""okand""#]))
            let allowed = Self.error(reply, at: "/category")?["allowed"] as? [String]
            #expect(allowed == AvvikelseCategory.allCodes)
        }
    }

    @Test func withAcceptLanguageSwedishTheTitleDetailAndFieldTextsAreSwedish() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(
                .post, "/api/v1/avvikelser", json: Self.body(["title": nil, "receivedOn": #""2999-01-01""#]),
                headers: [.acceptLanguage: "sv-SE,sv;q=0.9,en;q=0.8"])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.headers[.contentLanguage] == "sv")
            #expect(reply.json["title"] as? String == "Ogiltiga värden")
            #expect(Self.error(reply, at: "/title")?["detail"] as? String == "måste anges")
            #expect(Self.error(reply, at: "/receivedOn")?["detail"] as? String
                    == "får inte ligga i framtiden (i dag är det 2026-01-15)")
            #expect(reply.json["detail"] as? String
                    == "/title: måste anges; /receivedOn: får inte ligga i framtiden (i dag är det 2026-01-15)")
            #expect(Self.error(reply, at: "/title")?["code"] as? String == "required", "codes do not change")
        }
    }

    @Test func aConflictNamesTheStatusThatNeedsTheMemberInSwedishToo() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let started = try await client.send(
                .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"under_utredning"}"#, headers: [.ifMatch: #""1""#])
            #expect(started.status == .ok, "\(started.body)")
            let reply = try await client.send(
                .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"avslutad"}"#,
                headers: [.ifMatch: #""2""#, .acceptLanguage: "sv"])
            #expect(reply.status == .conflict, "\(reply.body)")
            let error = Self.error(reply, at: "/closedOn")
            #expect(error?["code"] as? String == "required_for_status")
            #expect(error?["status"] as? String == "avslutad")
            #expect(error?["detail"] as? String == "måste anges för status avslutad")
            let detail = reply.json["detail"] as? String ?? ""
            #expect(detail.hasPrefix("Begäran strider mot en regel eller mot det nuvarande läget: "), "\(detail)")
            #expect(detail.contains("/closedOn måste anges för status avslutad") && detail.hasSuffix("."), "\(detail)")
        }
    }

    @Test func aSwedishConflictWithoutFieldProblemsIsOneSwedishSentenceNamingTheRule() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let reply = try await client.send(
                .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"avslutad","closedOn":"2025-03-05"}"#,
                headers: [.ifMatch: #""1""#, .acceptLanguage: "sv"])
            #expect(reply.status == .conflict, "\(reply.body)")
            let detail = reply.json["detail"] as? String ?? ""
            #expect(detail.hasPrefix("Begäran strider mot en regel eller mot det nuvarande läget"), "\(detail)")
            #expect(detail.hasSuffix("."), "\(detail)")
            let english = try await client.send(
                .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"avslutad","closedOn":"2025-03-05"}"#,
                headers: [.ifMatch: #""1""#])
            #expect(detail.contains(english.json["detail"] as? String ?? "–"), "the rule itself is kept: \(detail)")
        }
    }

    @Test func aProblemSaysItVariesByAcceptLanguageSoNoCacheServesItInTheOtherLanguage() async throws {
        try await TestApp.make().run { client in
            let missing = try await client.send(
                .get, "/api/v1/avvikelser/AVV-2025-9999", headers: [.acceptLanguage: "sv"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentLanguage] == "sv")
            let vary = missing.headers[values: .vary].flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            #expect(vary.contains("accept-language"), "Vary: \(vary)")
        }
    }

    /// `Accept-Language` values and the language of the answer (RFC 9110 §12.5.4, §12.4.2).
    static let languageRows: [(header: [String], language: ProblemLanguage)] = [
        ([], .english), (["sv"], .swedish), (["sv-SE"], .swedish), (["SV-se"], .swedish), (["en"], .english),
        (["en;q=0.5, sv;q=0.9"], .swedish), (["sv;q=0.4", "en;q=0.6"], .english), (["sv;q=0, en"], .english),
        (["sv;q=0"], .english), (["de, fr;q=0.9"], .english), (["*"], .english), (["de, sv;q=0.1"], .swedish),
        (["en, sv"], .english), (["sv, en"], .swedish), (["sv;q=1.5, en;q=0.1"], .english),
        (["sv;q=abc"], .english), (["sv ; q=0.800"], .swedish), (["en-GB;q=0.7,sv-FI;q=0.71"], .swedish),
    ]

    @Test(arguments: languageRows.indices)
    func theLanguageIsTheSupportedOneWithTheHighestQValue(index: Int) {
        let row = Self.languageRows[index]
        #expect(ProblemLanguage.negotiate(row.header) == row.language, "\(row.header)")
    }

    @Test func theContractListsEveryCodeInItsEnumAndTheREADMEDescribesEach() throws {
        let spec = try OpenAPIContractTests.spec()
        let documented = spec.at(["components", "schemas", "FieldProblemCode", "enum"])?.list
        #expect(documented == FieldProblemCode.allCases.map(\.rawValue))
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for code in FieldProblemCode.allCases {
            #expect(text.contains("| `\(code.rawValue)` |"), "README's error code table lacks \(code.rawValue)")
        }
    }
}
