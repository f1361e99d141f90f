import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import Testing

/// One negotiation for every route that answers in more than JSON.
@Suite("Response format")
struct ResponseFormatTests {
    /// (query, Accept, offered, chosen or the problem's detail)
    static let rows: [(String, String, [ResponseFormat], String)] = [
        ("", "", [.json, .csv], "json"),
        ("", "text/csv", [.json, .csv], "csv"),
        ("", "text/html", [.json, .csv], "json"),
        ("", "text/html, text/csv", [.json, .html, .csv], "html"),
        ("?format=json", "text/csv", [.json, .csv], "json"),
        ("?format=csv", "application/json", [.json, .csv], "csv"),
        ("?format=html", "", [.json, .csv], "must be json or csv"),
        ("?format=xml", "", [.json, .html, .csv], "must be json, html or csv"),
    ]

    @Test(arguments: rows) func theQueryWinsThenAcceptThenJSON(row: (String, String, [ResponseFormat], String)) {
        var fields = HTTPFields()
        if !row.1.isEmpty { fields[.accept] = row.1 }
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/r" + row.0,
                                                headerFields: fields), body: .init(buffer: ByteBuffer()))
        var query = QueryReader(request, allowed: ["format"])
        let chosen = ResponseFormat.negotiate(request, &query, offers: row.2)
        if query.errors.isEmpty {
            #expect(chosen.rawValue == row.3)
        } else {
            #expect(query.errors.map(\.detail) == [row.3])
        }
    }
}
