import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// A Kolada look-alike on 127.0.0.1 (a free port): nothing in the tests reaches the internet.
/// KPI U33461 answers in two pages (`next_url`), with a deleted row, a null value, a string
/// period and K/M rows to leave out; U99999 is refused with 422; U00001 answers too slowly;
/// U00500 fails with 503 on its first request; U00002 answers with an HTML error page.
enum KoladaFixture {
    static let requests = Mutex<[String]>([])

    static func run(_ body: @escaping @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        let failedOnce = Mutex(false)
        router.get("/v3/data/kpi/:kpi/municipality/:ids/year/:years") { request, context -> Response in
            let kpi = context.parameters.get("kpi") ?? ""
            requests.withLock { $0.append(request.uri.path) }
            switch kpi {
            case "U99999": return text(#"{"error":"Unknown KPI"}"#, status: .unprocessableContent)
            case "U00001": try await Task.sleep(for: .seconds(3)); return json(#"{"values":[],"count":0,"next_url":null}"#)
            case "U00002": return text("<html>Bad gateway</html>", status: .ok, type: "text/html")
            case "U00500" where !failedOnce.withLock({ let was = $0; $0 = true; return was }):
                return text("unavailable", status: .serviceUnavailable)
            default: break
            }
            let host = request.head.authority ?? "127.0.0.1"
            return json("""
                {"values":[
                  {"kpi":"\(kpi)","municipality":"1315","period":2024,"values":[
                    {"gender":"K","count":1,"status":"","value":90.0,"isdeleted":false},
                    {"gender":"T","count":1,"status":"","value":87.5,"isdeleted":false}]},
                  {"kpi":"\(kpi)","municipality":"1315","period":"2025","values":[{"gender":"T","count":1,"status":"","value":null,"isdeleted":false}]},
                  {"kpi":"\(kpi)","municipality":"G36535","period":2024,"values":[{"gender":"T","count":1,"status":"","value":85.25,"isdeleted":true}]}
                ],"count":3,"next_url":"http://\(host)/v3/page2/\(kpi)"}
                """)
        }
        router.get("/v3/page2/:kpi") { request, context -> Response in
            requests.withLock { $0.append(request.uri.path) }
            let kpi = context.parameters.get("kpi") ?? ""
            return json("""
                {"values":[
                  {"kpi":"\(kpi)","municipality":"G36535","period":2024,"values":[{"gender":"T","count":10,"status":"","value":84,"isdeleted":false}]},
                  {"kpi":"\(kpi)","municipality":"0000","period":2024,"values":[{"gender":"T","count":290,"status":"","value":86.1,"isdeleted":false}]},
                  {"kpi":"\(kpi)","municipality":"0000","period":2023,"isdeleted":true,"values":[{"gender":"T","count":1,"status":"","value":1}]}
                ],"count":3,"next_url":null}
                """)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              logger: Logger(label: "kolada-fixture"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/v3")!)
        }
    }

    private static func json(_ body: String) -> Response { text(body, status: .ok, type: "application/json") }

    private static func text(_ body: String, status: HTTPResponse.Status, type: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
