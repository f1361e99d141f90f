import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/health`, `/health/ready` and `/openapi.yaml` (no token) and `/api/v1/kodverk`.
struct ServiceRoutes: Sendable {
    let database: KvalitetDatabase
    let openAPI: OpenAPIDocument
    let readiness: Readiness

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/health", use: health)
        table.add(.get, "/health/ready", use: ready)
        table.add(.get, "/openapi.yaml", use: openAPIDocument)
        table.add(.get, "/api/v1/kodverk", use: kodverk)
    }

    /// Alive: the process and its database answer. With the build's and the database's versions.
    @Sendable func health(_ request: Request, context: KvalitetContext) async throws -> Response {
        try QueryReader(request, allowed: []).throwIfAny()
        // One query: the database answers if it can say its schema version.
        let schema = try? await database.appliedSchemaVersion()
        let healthy = schema != nil
        return Reply.json(
            .object(
                JSONObject([
                    ("status", .string(healthy ? "ok" : "unavailable")), ("version", .string(KvalitetVersion.current)),
                    ("schemaVersion", schema.map(JSONValue.int) ?? .null),
                ])), status: healthy ? .ok : .serviceUnavailable)
    }

    /// Ready for traffic: migrations applied, database writable, and every added check (503 otherwise).
    @Sendable func ready(_ request: Request, context: KvalitetContext) async throws -> Response {
        try QueryReader(request, allowed: []).throwIfAny()
        let (schema, checks) = await readiness.evaluate()
        let ready = checks.allSatisfy(\.ok)
        return Reply.json(
            .object(
                JSONObject([
                    ("status", .string(ready ? "ready" : "not_ready")), ("version", .string(KvalitetVersion.current)),
                    ("schemaVersion", schema.map(JSONValue.int) ?? .null),
                    ("checks", .object(JSONObject(checks.map { ($0.name, JSONValue.bool($0.ok)) }))),
                ])), status: ready ? .ok : .serviceUnavailable)
    }

    /// The contract as read at start; 404 when the file was missing then (the server runs without it).
    @Sendable func openAPIDocument(_ request: Request, context: KvalitetContext) async throws -> Response {
        guard case .loaded(let bytes) = openAPI else {
            throw DomainError.notFound("openapi.yaml was not found when the server started; see KVALITET_OPENAPI")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func kodverk(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readKodverk.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let lists: [(String, JSONValue)] = Kodverk.all.map { list in
            (
                list.name,
                .array(
                    list.codes.map { .object(JSONObject([("code", .string($0.code)), ("label", .string($0.label))])) })
            )
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
