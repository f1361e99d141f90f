import Foundation
import Hummingbird
import HummingbirdTesting
import KvalitetDomain
@testable import KvalitetServer
import KvalitetStorage
import Logging
import NIOCore
import TestSupport
import Testing

/// The real application over a fresh database (in a folder removed when the test process exits, see
/// `TestFolders`), with a clock fixed on 2026-01-15 and one token per role.
struct TestApp {
    static let migrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations").path
    /// The repository's openapi.yaml, served at GET /openapi.yaml as `serve` does.
    static let openAPI = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml").path
    static let noon = Date(timeIntervalSince1970: 1_768_478_400)  // 2026-01-15T12:00:00Z

    let services: AppServices
    let config: AppConfig
    /// Secrets by name: admin, kvalitet, rapportor, lasare, ifo-kvalitet (kvalitet limited to `ifo`).
    var tokens: [String: String] = [:]

    /// `configure` adjusts the configuration (risk levels …) before the services open.
    static func make(seedUnits: Bool = true, configure: (inout AppConfig) -> Void = { _ in }) async throws -> TestApp {
        var config = AppConfig()
        config.databasePath = try TestFolders.make("kvalitet-http") + "/kvalitet.sqlite"
        config.migrationsPath = migrations
        config.openAPIPath = openAPI
        config.clock = FixedClock(noon)
        configure(&config)
        let services = try AppServices.open(config, logger: Logger(label: "test"))
        var app = TestApp(services: services, config: config)
        let cli = Actor(tokenName: "setup", role: .admin, unitScope: nil)
        if seedUnits {
            for unit in [
                OrgUnit(id: "ifo", name: "IFO", level: .forvaltning, parentId: nil, area: "Barn och unga"),
                OrgUnit(id: "ifo-utr", name: "Utredning", level: .avdelning, parentId: "ifo", area: nil),
                OrgUnit(id: "ifo-utr-s1", name: "Sektion 1", level: .sektion, parentId: "ifo-utr", area: nil),
                OrgUnit(id: "vuxen", name: "Vuxen", level: .avdelning, parentId: nil, area: "Vuxna"),
            ] { try await services.units.put(unit, by: cli) }
        }
        for role in Role.allCases {
            app.tokens[role.rawValue] = try await services.tokens.create(name: role.rawValue, role: role, unitIds: [], by: cli)
        }
        if seedUnits {
            app.tokens["ifo-kvalitet"] = try await services.tokens.create(name: "ifo-kvalitet", role: .kvalitet, unitIds: ["ifo"], by: cli)
        }
        return app
    }

    /// Runs `body` against the application in process (Hummingbird's router test framework).
    func run(logger: Logger = Logger(label: "test"), _ body: @escaping @Sendable (Client) async throws -> Void) async throws {
        let app = buildApplication(config, services: services, logger: logger)
        let tokens = tokens
        try await app.test(.router) { client in try await body(Client(client: client, tokens: tokens)) }
    }

    /// A thin client: JSON in, status + JSON (or text) out, with the token of a role.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let tokens: [String: String]

        @discardableResult
        func send(_ method: HTTPRequest.Method, _ uri: String, as token: String? = "admin", json: String? = nil,
                  contentType: String = "application/json", headers extra: HTTPFields = [:]) async throws -> Reply {
            var headers = extra
            if let token, let secret = tokens[token] { headers[.authorization] = "Bearer \(secret)" }
            if json != nil, headers[.contentType] == nil { headers[.contentType] = contentType }
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers,
                                                           body: json.map { ByteBuffer(string: $0) })
            return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }

        /// Sends raw bytes (invalid UTF-8, NUL bytes …) exactly as given.
        func sendBytes(_ method: HTTPRequest.Method, _ uri: String, as token: String? = "admin", bytes: [UInt8],
                       headers extra: HTTPFields = [:]) async throws -> Reply {
            var headers = extra
            if let token, let secret = tokens[token] { headers[.authorization] = "Bearer \(secret)" }
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
            return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }

        /// Creates an avvikelse with sensible defaults and returns its id.
        func createAvvikelse(_ extra: String = "", unit: String = "ifo-utr", on date: String = "2025-03-02", as token: String = "admin") async throws -> String {
            let body = #"{"unitId":"\#(unit)","title":"Journal saknades","receivedOn":"\#(date)","category":"dokumentation"\#(extra)}"#
            let reply = try await send(.post, "/api/v1/avvikelser", as: token, json: body)
            #expect(reply.status == .created, "\(reply.body)")
            return reply.json["id"] as? String ?? ""
        }
    }

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        /// The body as Foundation JSON (a dictionary), or empty when it is not an object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }

        /// The JSON pointers of a problem's `errors`.
        var pointers: [String] { (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String } }

        var isProblem: Bool { headers[.contentType]?.hasPrefix("application/problem+json") == true }
    }
}
