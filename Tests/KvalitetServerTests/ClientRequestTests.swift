import Foundation
import Hummingbird
@testable import KvalitetServer
import Testing

/// HTTP as clients speak it, in process: HEAD answers as GET without a body, and percent-encoded
/// paths find their resource.
@Suite("HTTP as clients speak it")
struct ClientRequestTests {
    /// GET routes with a status each must give: HEAD gives the same, with the same headers and no body.
    static let headRows: [(path: String, token: String?, status: HTTPResponse.Status)] = [
        ("/health", nil, .ok),
        ("/openapi.yaml", nil, .ok),
        ("/api/v1/kodverk", "lasare", .ok),
        ("/api/v1/avvikelser", "admin", .ok),
        ("/api/v1/avvikelser?format=csv", "admin", .ok),
        ("/api/v1/avvikelser/AVV-2025-0001", "admin", .ok),
        ("/api/v1/avvikelser/AVV-2025-0001/history", "admin", .ok),
        ("/api/v1/avvikelser/AVV-2025-9999", "admin", .notFound),
        ("/api/v1/avvikelser/AVV-2025-0001", nil, .unauthorized),
        ("/api/v1/avvikelser/AVV-2025-0001", "lasare", .forbidden),
        ("/api/v1/verksamheter/ifo", "lasare", .ok),
        ("/api/v1/kvalitetsberattelse/2025", "lasare", .ok),
        ("/api/v1/kvalitetsberattelse/2025?format=html", "lasare", .ok),
        ("/api/v1/audit", "admin", .ok),
        ("/api/v1/nyckeltal", "lasare", .ok),
        ("/api/v1/avvikelser?limit=0", "admin", .badRequest),
    ]

    @Test func headAnswersAsGetWithTheSameStatusAndHeadersAndNoBody() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            for row in Self.headRows {
                let get = try await client.send(.get, row.path, as: row.token)
                let head = try await client.send(.head, row.path, as: row.token)
                #expect(get.status == row.status, "GET \(row.path): \(get.body)")
                #expect(head.status == row.status, "HEAD \(row.path): \(head.body)")
                #expect(head.body.isEmpty, "HEAD \(row.path)")
                for field in get.headers where ![.date, .init("X-Request-Id")!].contains(field.name) {
                    #expect(head.headers[field.name] == field.value, "HEAD \(row.path): \(field.name)")
                }
                if let length = get.headers[.contentLength] { #expect(length == String(get.body.utf8.count)) }
                // A streamed GET (CSV) has no length; its HEAD must not claim 0 bytes.
                #expect(head.headers[.contentLength] == get.headers[.contentLength], "HEAD \(row.path): length")
            }
        }
    }

    @Test func everyGetRouteAnswersHeadAsGetDoes() async throws {
        let app = try await TestApp.make()
        let (_, table) = buildRouter(app.config, services: app.services)
        let paths = table.routes.filter { $0.method == .get }.map { route in
            route.path.split(separator: "/").map { $0.hasPrefix(":") ? "x-1" : String($0) }.joined(separator: "/")
        }
        #expect(paths.count > 20)
        try await app.run { client in
            for path in paths {
                let get = try await client.send(.get, path)
                let head = try await client.send(.head, path)
                #expect(head.status == get.status, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                #expect(head.body.isEmpty, "\(path)")
            }
        }
    }

    @Test func headWhereNoGetIsServedIs405AndAllowNamesHeadWithGet() async throws {
        try await TestApp.make().run { client in
            let transitions = try await client.send(.head, "/api/v1/avvikelser/AVV-2025-0001/transitions")
            #expect(transitions.status == .methodNotAllowed)
            #expect(transitions.headers[.allow] == "POST")
            let record = try await client.send(.put, "/api/v1/avvikelser/AVV-2025-0001", json: "{}")
            #expect(record.headers[.allow] == "GET, PATCH, DELETE, HEAD")
        }
    }

    /// Paths as clients encode them, with the status and the record they must reach.
    static let encodedPaths: [(path: String, status: HTTPResponse.Status, problemType: String?)] = [
        ("/api/v1/avvikelser/AVV%2D2025%2D0001", .ok, nil),
        ("/api/v1/avvikelser/AVV%2d2025%2d0001", .ok, nil),
        ("/api/v1/avvikelser/%41%56%56-2025-0001", .ok, nil),
        ("/api/v1/%61vvikelser/AVV-2025-0001", .ok, nil),
        ("/api/v1/avvikelser/AVV-2025-0001%2Fhistory", .badRequest, "invalid-path"),
        ("/api/v1/avvikelser/AVV%2F2025%2F0001", .badRequest, "invalid-path"),
        ("/api/v1/avvikelser/AVV%2f2025", .badRequest, "invalid-path"),
        ("/api/v1/avvikelser/AVV%2G2025", .badRequest, "invalid-path"),
        ("/api/v1/avvikelser/AVV-2025-000%", .badRequest, "invalid-path"),
        ("/api/v1/avvikelser/%C3%A5", .notFound, "not-found"),
        ("/api/v1/avvikelser/AVV%20-2025-0001", .notFound, "not-found"),
        ("/api/v1/avvikelser?q=%C3%A5", .ok, nil),
    ]

    @Test func percentEncodedPathSegmentsAreDecodedBeforeLookupAndAnEncodedSlashIs400() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            #expect(id == "AVV-2025-0001")
            for row in Self.encodedPaths {
                let reply = try await client.send(.get, row.path)
                #expect(reply.status == row.status, "\(row.path): \(reply.body)")
                if let type = row.problemType {
                    #expect(reply.json["type"] as? String == "urn:kvalitet:problem:" + type, "\(row.path)")
                } else if !row.path.contains("?") {
                    #expect(reply.json["id"] as? String == id, "\(row.path)")
                }
            }
        }
    }

    @Test func anEncodedPathReachesTheSameRecordForWrites() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let reply = try await client.send(.patch, "/api/v1/avvikelser/AVV%2D2025%2D0001",
                                              json: #"{"title":"Ny titel"}"#,
                                              headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)").json["title"] as? String == "Ny titel")
        }
    }
}
