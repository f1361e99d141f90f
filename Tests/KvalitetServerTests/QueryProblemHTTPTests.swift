import Foundation
import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import Testing

/// Query-parameter problems (400) as a form or dashboard receives them: like field problems, a stable
/// code with its parameters beside the parameter's name, and Swedish texts with `Accept-Language: sv`.
@Suite("Query-parameter problems over HTTP")
struct QueryProblemHTTPTests {
    /// A request with one bad parameter, and the parameter, code and parameters expected.
    static let rows: [(uri: String, parameter: String, code: String, parameters: [String: String])] = [
        ("/api/v1/avvikelser?limit=0", "limit", "not_an_integer", ["minimum": "1", "maximum": "500"]),
        ("/api/v1/avvikelser?colour=blå", "colour", "unknown_parameter", [:]),
        ("/api/v1/avvikelser?limit=5&limit=6", "limit", "repeated", [:]),
        ("/api/v1/avvikelser?includeVoided=ja", "includeVoided", "not_one_of", [:]),
        ("/api/v1/avvikelser?from=2025-13-01", "from", "not_a_date", [:]),
        ("/api/v1/avvikelser?status=okand", "status", "not_in_kodverk", ["kodverk": "avvikelseStatus"]),
        ("/api/v1/avvikelser?cursor=zzz", "cursor", "not_a_cursor", [:]),
        ("/api/v1/avvikelser?q=" + String(repeating: "a", count: 201), "q", "too_long",
         ["maxLength": "200", "length": "201"]),
        ("/api/v1/avvikelser?format=xml", "format", "not_one_of", [:]),
        ("/api/v1/statistik?interval=week", "interval", "not_one_of", [:]),
        ("/api/v1/statistik?from=2025-06&to=2025-05", "to", "before", ["other": "from", "value": "2025-06-01"]),
        ("/api/v1/audit?from=igår", "from", "invalid_format", ["example": "2025-03-01T08:00:00Z"]),
        ("/api/v1/kvalitetsberattelse/2025?analysisFrom=2025-05-01&analysisTo=2025-04-01", "analysisTo", "before",
         ["other": "analysisFrom", "value": "2025-05-01"]),
    ]

    static func error(_ reply: TestApp.Reply, for parameter: String) -> [String: Any]? {
        (reply.json["errors"] as? [[String: Any]])?.first { $0["parameter"] as? String == parameter }
    }

    @Test(arguments: rows.indices)
    func eachParameterProblemCarriesItsCodeAndParametersBesideTheParameter(index: Int) async throws {
        let row = Self.rows[index]
        try await TestApp.make().run { client in
            let uri = row.uri.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? row.uri
            let reply = try await client.send(.get, uri)
            #expect(reply.status == .badRequest && reply.isProblem, "\(reply.body)")
            let error = Self.error(reply, for: row.parameter)
            #expect(error?["code"] as? String == row.code, "\(reply.body)")
            for (name, value) in row.parameters {
                #expect(error.map { "\($0[name] ?? "–")" } == value, "\(row.code).\(name): \(reply.body)")
            }
            #expect(error?["detail"] as? String != nil && error?["pointer"] == nil, "\(reply.body)")
        }
    }

    @Test func anUnknownParameterListsTheKnownOnes() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/statistik?colour=blue")
            let allowed = Self.error(reply, for: "colour")?["allowed"] as? [String]
            #expect(allowed == StatistikRoutes.parameters.sorted())
            let format = try await client.send(.get, "/api/v1/statistik?format=xml")
            #expect(Self.error(format, for: "format")?["allowed"] as? [String] == ["json", "csv"])
        }
    }

    @Test func withAcceptLanguageSwedishTheTitleDetailAndParameterTextsAreSwedish() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(
                .get, "/api/v1/avvikelser?limit=0&includeVoided=ja", headers: [.acceptLanguage: "sv"])
            #expect(reply.status == .badRequest)
            #expect(reply.headers[.contentLanguage] == "sv")
            #expect(reply.json["title"] as? String == "Ogiltiga frågeparametrar")
            #expect(Self.error(reply, for: "limit")?["detail"] as? String == "måste vara ett heltal från 1 till 500")
            #expect(Self.error(reply, for: "includeVoided")?["detail"] as? String == "måste vara true eller false")
            #expect(reply.json["detail"] as? String
                    == "limit: måste vara ett heltal från 1 till 500; includeVoided: måste vara true eller false")
            #expect(Self.error(reply, for: "limit")?["code"] as? String == "not_an_integer", "codes do not change")
        }
    }

    @Test func inEnglishTheTextsStayAsTheyWere() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/avvikelser?limit=0&colour=x")
            #expect(reply.headers[.contentLanguage] == "en")
            #expect(Self.error(reply, for: "limit")?["detail"] as? String == "must be a whole number from 1 to 500")
            #expect((Self.error(reply, for: "colour")?["detail"] as? String)?.hasPrefix("unknown parameter; known: ")
                    == true)
        }
    }
}
