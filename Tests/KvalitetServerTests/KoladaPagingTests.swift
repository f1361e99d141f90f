import Foundation
import Hummingbird
import HummingbirdTesting
import KvalitetDomain
@testable import KvalitetKolada
@testable import KvalitetServer
import Logging
import Testing

/// Kolada as it answers: every way an answer names (or does not name) its next page, and the ids
/// a municipality, a region and a group have.
@Suite("Kolada as it answers", .serialized)
struct KoladaPagingTests {
    static func row(_ municipality: String, _ year: Int, _ value: Double) -> String {
        #"{"kpi":"U1","municipality":"\#(municipality)","period":\#(year),"values":[{"gender":"T","value":\#(value)}]}"#
    }

    /// First page's "next" member (`NEXT` stands for the second page's URL), the pages read and the values kept.
    static let pagingRows: [(name: String, first: String, pages: Int, values: Int)] = [
        ("next_url null", #""next_url":null"#, 1, 1),
        ("next_url absent", "", 1, 1),
        ("next_url empty", #""next_url":"""#, 1, 1),
        ("next_url", #""next_url":"NEXT""#, 2, 2),
        ("next_page", #""next_page":"NEXT""#, 2, 2),
        ("next_page empty, next_url set", #""next_url":"NEXT","next_page":"""#, 2, 2),
        ("relative next_page", #""next_page":"/v3/page/2""#, 2, 2),
    ]

    @Test func pagingEndsOnNullAbsentOrEmptyAndFollowsNextPage() async throws {
        for row in Self.pagingRows {
            try await Self.serve(first: { next in
                #"{"values":[\#(Self.row("1315", 2024, 1))],"count":1"# + (row.first.isEmpty ? "" : ",")
                    + row.first.replacingOccurrences(of: "NEXT", with: next) + "}"
            }, second: #"{"values":[\#(Self.row("1315", 2023, 2))],"count":1,"next_url":null}"#) { base in
                let client = KoladaClientTests.client(base)
                let fetched = try await client.fetch(kpi: "U1", municipalities: ["1315"], years: 2023...2024)
                #expect(fetched.pages == row.pages, "\(row.name)")
                #expect(fetched.values.count == row.values, "\(row.name)")
                #expect(fetched.valuesRead == row.values, "\(row.name)")
            }
        }
    }

    @Test func aPageWithoutValuesEndsThePagingWhateverItNamesAsNext() async throws {
        // The second page is empty and names a third, which would fail if it were fetched.
        try await Self.serve(first: { next in #"{"values":[\#(Self.row("1315", 2024, 1))],"next_url":"\#(next)"}"# },
                             second: #"{"values":[],"count":0,"next_url":"http://127.0.0.1:1/v3/never"}"#) { base in
            let client = KoladaClientTests.client(base)
            let fetched = try await client.fetch(kpi: "U1", municipalities: ["1315"], years: 2024...2024)
            #expect(fetched.pages == 2)
            #expect(fetched.values.map(\.value) == [1])
        }
    }

    /// A second page whose `next_url` names a page already read (itself, the first) or another host.
    static let loopRows: [(next: String, detail: String)] = [
        ("/v3/page/2", "already read"),
        ("/v3/data/kpi/U1/municipality/1315/year/2023,2024", "already read"),
        ("http://elsewhere.invalid/v3/page/3", "is not on"),
        // A path that only starts with the API's root is another API on the same host.
        ("/v30/page/3", "is not on"), ("/v3x/data/kpi/U1", "is not on"), ("/v/page/3", "is not on"),
    ]

    @Test(arguments: loopRows)
    func aNextURLThatLoopsOrLeavesTheAPIEndsTheImportAtOnce(row: (next: String, detail: String)) async throws {
        try await Self.serve(first: { next in #"{"values":[\#(Self.row("1315", 2024, 1))],"next_url":"\#(next)"}"# },
                             second: #"{"values":[\#(Self.row("1315", 2023, 2))],"next_url":"\#(row.next)"}"#) { base in
            let client = KoladaClientTests.client(base)
            do {
                let fetched = try await client.fetch(kpi: "U1", municipalities: ["1315"], years: 2023...2024)
                Issue.record("paging to \(row.next) read \(fetched.pages) pages and did not fail")
            } catch let error as KoladaError {
                #expect(error.description.contains(row.detail), "\(row.next): \(error)")
            }
        }
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Serves the first page at the data URL and the second at `/v3/page/2`.
    static func serve(first: @escaping @Sendable (String) -> String, second: String,
                      _ body: @escaping @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.get("/v3/data/kpi/:kpi/municipality/:ids/year/:years") { request, _ -> Response in
            let next = "http://\(request.head.authority ?? "127.0.0.1")/v3/page/2"
            return json(first(next))
        }
        router.get("/v3/page/2") { _, _ -> Response in
            json(second)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              logger: Logger(label: "kolada-paging"))
        try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(try #require(client.port))/v3")!)
        }
    }

    /// Ids as people and Kolada write them, and what each is.
    static let idRows: [(id: String, scope: KoladaScope?, asMunicipality: String?)] = [
        ("1315", .kommun, nil), ("0180", .kommun, nil), ("2584", .kommun, nil), ("0114", .kommun, nil),
        ("0000", .riket, "riket"), ("0013", nil, "region (län 13)"), ("0001", nil, "region (län 01)"),
        ("00LL", nil, "region (län LL)"), ("2699", nil, "four-digit code"), ("9999", nil, "four-digit code"),
        ("131", nil, "four-digit code"), ("13150", nil, "four-digit code"), ("G36535", .grupp, "municipality group"),
        ("G1", .grupp, "municipality group"), ("g36535", nil, "four-digit code"), ("G", nil, "four-digit code"),
        ("G12a", nil, "four-digit code"), ("", nil, "four-digit code"), ("１３１５", nil, "four-digit code"),
    ]

    @Test(arguments: idRows)
    func idsAreCheckedAsKoladaWritesThem(row: (id: String, scope: KoladaScope?, asMunicipality: String?)) {
        #expect(KoladaScope(municipalityId: row.id) == row.scope, "\(row.id)")
        let problem = KoladaId.municipalityProblem(row.id)
        if let expected = row.asMunicipality {
            #expect(problem?.contains(expected) == true, "\(row.id): \(problem ?? "nil")")
        } else {
            #expect(problem == nil, "\(row.id)")
        }
        #expect((KoladaId.groupProblem(row.id) == nil) == (row.scope == .grupp), "\(row.id)")
    }

    @Test func anImportForARegionIsRefusedWithAClearMessage() async throws {
        try await TestApp.make().run { client in
            try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
            let reply = try await client.send(.post, "/api/v1/nyckeltal/KF24/kolada-import",
                                              json: #"{"municipality":"0013","group":"13","years":"2024"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/municipality", "/group"])
            #expect((reply.json["detail"] as? String)?.contains("0013 is a region (län 13)") == true, "\(reply.body)")
        }
    }

    @Test func aRegionRowInKoladasAnswerIsNotStoredAsAMunicipality() throws {
        let rows = [Self.row("0013", 2024, 5), Self.row("1315", 2024, 6), Self.row("0000", 2024, 7)]
        let answer = #"{"values":["# + rows.joined(separator: ",") + "]}"
        let url = URL(string: "http://127.0.0.1/v3")!
        let page = try KoladaPage.decode(Data(answer.utf8), url: url, fetchedAt: TestApp.noon)
        #expect(page.values.map(\.municipality) == ["1315", "0000"])
    }
}
