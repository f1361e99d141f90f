import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `kvalitet kolada import` against a Kolada look-alike on loopback: two pages, a deleted row,
/// a null value; then the stored values through the running server. Nothing reaches the internet.
@Suite("Kolada import, end to end", .serialized)
struct KoladaImportTests {
    /// Runs the CLI off Swift's cooperative threads, which the in-process fixture server needs.
    func run(_ kvalitet: Kvalitet, _ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try kvalitet.run(arguments) })
            }
        }
    }

    @Test func importsThroughTheCLIAndServesTheValuesApart() async throws {
        let router = Router()
        router.get("/v3/data/kpi/:kpi/municipality/:ids/year/:years") { request, context -> Response in
            guard context.parameters.get("kpi") == "U33461" else {
                return Response(status: .unprocessableContent, body: .init(byteBuffer: ByteBuffer(string: #"{"error":"Unknown KPI"}"#)))
            }
            let next = "http://\(request.head.authority ?? "127.0.0.1")/v3/next"
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: """
                {"values":[{"kpi":"U33461","municipality":"1315","period":2024,"values":[{"gender":"T","count":1,"status":"","value":87.5,"isdeleted":false}]},
                  {"kpi":"U33461","municipality":"1315","period":2025,"values":[{"gender":"T","count":1,"status":"","value":null,"isdeleted":false}]}],
                 "count":2,"next_url":"\(next)"}
                """)))
        }
        router.get("/v3/next") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: """
                {"values":[{"kpi":"U33461","municipality":"G36535","period":"2024","values":[{"gender":"T","count":1,"status":"","value":84,"isdeleted":false}]},
                  {"kpi":"U33461","municipality":"0000","period":2024,"values":[{"gender":"T","count":1,"status":"","value":86.1,"isdeleted":true}]}],
                 "count":2,"next_url":null}
                """)))
        }
        let fixture = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "kolada"))
        try await fixture.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))/v3"
            let kvalitet = try Kvalitet()
            let admin = try kvalitet.createToken(name: "e2e-admin", role: "admin")
            let imported = try await run(kvalitet, ["kolada", "import", "--kpi", "U33461", "--municipality", "1315", "--group", "G36535",
                                                    "--years", "2024-2025", "--base-url", base])
            #expect(imported.status == 0, "\(imported.err)")
            #expect(imported.out == "U33461\t1315\t2024\t87.5\nU33461\tG36535\t2024\t84.0\n")
            #expect(imported.err.contains("stored 2 values of U33461 for 1315, G36535, 0000"))
            let refused = try await run(kvalitet, ["kolada", "import", "--kpi", "U99999", "--municipality", "1315", "--years", "2024", "--base-url", base])
            #expect(refused.status == 2 && refused.err.contains("HTTP 422"), "\(refused.err)")
            let invalid = try await run(kvalitet, ["kolada", "import", "--kpi", "U33461", "--municipality", "G1", "--years", "24", "--base-url", base])
            #expect(invalid.status != 0 && invalid.err.contains("--municipality"), "\(invalid.err)")

            let server = try kvalitet.serve()
            defer { _ = server.stop() }
            let body = #"{"name":"Andel ej återaktualiserade barn","unit":"procent","direction":"higher_is_better","koladaKpi":"U33461","source":"Egen mätning","qualityLevels":{"rod":{"min":0,"max":75},"gul":{"min":76,"max":90},"gron":{"min":91,"max":100}}}"#
            #expect(try await server.send("PUT", "/api/v1/nyckeltal/KF24", token: admin, json: body).status == 201)
            let values = try await server.send("GET", "/api/v1/nyckeltal/KF24/kolada", token: admin)
            let items = values.json["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["municipality"] as? String } == ["1315", "G36535"])
            #expect(items.map { $0["scope"] as? String } == ["kommun", "grupp"])
        }
    }
}
