import Crypto
import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /metrics`: the Prometheus text format, for an admin token or the dedicated metrics token.
struct MetricsRoutes: Sendable {
    let database: KvalitetDatabase
    let clock: any KvalitetClock

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: KvalitetContext) async throws -> Response {
        if !context.metricsReader { try Permission.readMetrics.check(try context.requireActor()) }
        try QueryReader(request, allowed: []).throwIfAny()
        let figures = try await database.operationalFigures(today: SwedishTime.today(clock))
        let text = AppMetrics.scrape(figures, freeBytes: database.freeBytes, writable: await database.isWritable())
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}

/// Lets `GET /metrics` through with the token of `--metrics-token` (a scraper needs no database
/// token); any other bearer goes on to `AuthMiddleware` as usual.
struct MetricsTokenMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let token: String?

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, request.uri.path == "/metrics", let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              Self.matches(String(parts[1]).trimmingCharacters(in: .whitespaces), token) else {
            return try await next(request, context)
        }
        var context = context
        context.metricsReader = true
        return try await next(request, context)
    }

    /// Compares the SHA-256 digests: swift-crypto's digest equality runs in constant time, and equal
    /// lengths of digests hide the secret's length.
    static func matches(_ presented: String, _ configured: String) -> Bool {
        Crypto.SHA256.hash(data: Data(presented.utf8)) == Crypto.SHA256.hash(data: Data(configured.utf8))
    }
}
