import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/health`, `/health/ready` and `/openapi.yaml` (no token), `/api/v1/kodverk` and the admins'
/// `/api/v1/audit`.
struct ServiceRoutes: Sendable {
    let database: KvalitetDatabase
    let audit: AuditLog
    let openAPI: OpenAPIDocument
    let readiness: Readiness

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/health", use: health)
        table.add(.get, "/health/ready", use: ready)
        table.add(.get, "/openapi.yaml", use: openAPIDocument)
        table.add(.get, "/api/v1/kodverk", use: kodverk)
        table.add(.get, "/api/v1/audit", query: Self.auditParameters, use: auditEntries)
    }

    static let auditParameters: Set<String> = ["recordId", "token", "from", "to", "limit", "cursor"]

    /// Alive: the process and its database answer. With the build's and the database's versions.
    @Sendable func health(_ request: Request, context: KvalitetContext) async throws -> Response {
        try QueryReader(request, allowed: []).throwIfAny()
        // One query: the database answers if it can say its schema version.
        let schema = try? await database.appliedSchemaVersion()
        let healthy = schema != nil
        return Reply.json(.object(JSONObject([
            ("status", .string(healthy ? "ok" : "unavailable")), ("version", .string(KvalitetVersion.current)),
            ("schemaVersion", schema.map(JSONValue.int) ?? .null),
        ])), status: healthy ? .ok : .serviceUnavailable)
    }

    /// Ready for traffic: migrations applied, database writable, and every added check (503 otherwise).
    @Sendable func ready(_ request: Request, context: KvalitetContext) async throws -> Response {
        try QueryReader(request, allowed: []).throwIfAny()
        let (schema, checks) = await readiness.evaluate()
        let ready = checks.allSatisfy(\.ok)
        return Reply.json(.object(JSONObject([
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

    @Sendable func auditEntries(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAudit.check(try context.requireActor())
        var reader = QueryReader(request, allowed: Self.auditParameters)
        var query = AuditQuery()
        query.limit = reader.int("limit", range: 1...500, default: 50)
        query.recordId = reader.text("recordId", max: 64)
        query.tokenName = reader.text("token", max: 64)
        for name in ["from", "to"] {
            guard let text = reader.string(name) else { continue }
            let instant = Timestamp.parse(text) ?? LocalDate(text).flatMap { $0.year >= 1000 ? $0 : nil }.map { day in
                // A bare date means the whole Swedish day (23 or 25 hours when the clocks change).
                name == "from" ? SwedishTime.start(of: day) : SwedishTime.lastInstant(of: day)
            }
            guard let instant else { reader.fail(name, "must be an RFC 3339 timestamp or a date YYYY-MM-DD"); continue }
            if name == "from" { query.from = instant } else { query.to = instant }
        }
        if let cursor = reader.string("cursor") {
            if let key = Cursor.decode(cursor), let id = Int64(key), id > 0 { query.beforeId = id }
            else { reader.fail("cursor", "is not a cursor this list returned") }
        }
        try reader.throwIfAny()
        var fetch = query
        fetch.limit = query.limit + 1
        var entries = try await audit.entries(fetch)
        let hasMore = entries.count > query.limit
        if hasMore { entries.removeLast() }
        let items: [JSONValue] = entries.map { entry in
            .object(JSONObject([
                ("id", .int(Int(entry.id))), ("at", .string(Timestamp.format(entry.at))), ("token", .string(entry.tokenName)),
                ("action", .string(entry.action)), ("recordId", .optional(entry.recordId)),
                ("requestId", .optional(entry.requestId)), ("detail", .optional(entry.detail)),
            ]))
        }
        return Reply.list(items, nextCursor: hasMore ? entries.last.map { Cursor.encode(String($0.id)) } : nil)
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
