import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/health` and `/openapi.yaml` (no token) and `/api/v1/kodverk`.
struct ServiceRoutes: Sendable {
    let database: KvalitetDatabase
    let openAPI: OpenAPIDocument

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/health", use: health)
        table.add(.get, "/openapi.yaml", use: openAPIDocument)
        table.add(.get, "/api/v1/kodverk", use: kodverk)
    }

    @Sendable func health(_ request: Request, context: KvalitetContext) async throws -> Response {
        guard await database.isHealthy() else {
            return Reply.json(.object(JSONObject([("status", .string("unavailable"))])), status: .serviceUnavailable)
        }
        return Reply.json(.object(JSONObject([("status", .string("ok"))])))
    }

    /// The contract as read at start; 404 when the file was missing then (the server runs without it).
    @Sendable func openAPIDocument(_ request: Request, context: KvalitetContext) async throws -> Response {
        guard case .loaded(let bytes) = openAPI else {
            throw DomainError.notFound("openapi.yaml was not found when the server started; see KVALITET_OPENAPI")
        }
        return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func kodverk(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readKodverk.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let lists: [(String, JSONValue)] = Kodverk.all.map { list in
            (list.name, .array(list.codes.map { .object(JSONObject([("code", .string($0.code)), ("label", .string($0.label))])) }))
        }
        return Reply.json(.object(JSONObject(lists)))
    }
}

/// The OpenAPI document the server serves, read once when the application is built.
enum OpenAPIDocument: Sendable {
    case loaded([UInt8])
    /// Not readable at start (missing file, wrong path): `GET /openapi.yaml` answers 404.
    case missing(String)

    static func load(path: String) -> OpenAPIDocument {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard !data.isEmpty else { return .missing("the file is empty") }
            return .loaded(Array(data))
        } catch {
            return .missing(error.localizedDescription)
        }
    }
}
