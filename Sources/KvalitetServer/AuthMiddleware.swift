import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// Every request but `/health`, `/health/ready` and `/openapi.yaml` needs `Authorization: Bearer <token>` of an unrevoked token
/// (`/metrics` also takes the dedicated metrics token, see `MetricsTokenMiddleware`).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let tokens: TokenStore
    static let publicPaths: Set<String> = ["/health", "/health/ready", "/openapi.yaml"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if AuthMiddleware.publicPaths.contains(request.uri.path) || context.metricsReader {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            AppMetrics.authenticationFailed(.missing)
            throw unauthorized("a bearer token is required (Authorization: Bearer …)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            AppMetrics.authenticationFailed(.malformed)
            throw unauthorized("the Authorization header must be \"Bearer <token>\"")
        }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard let actor = try await tokens.authenticate(secret) else {
            AppMetrics.authenticationFailed(try await tokens.wasRevoked(secret) ? .revoked : .unknown)
            throw unauthorized("the token is unknown or revoked")
        }
        var context = context
        context.actor = actor.with(requestId: context.requestId)
        return try await next(request, context)
    }

    private func unauthorized(_ detail: String) -> HTTPProblem {
        HTTPProblem(status: .unauthorized, type: "unauthorized", title: "Unauthorized", detail: detail,
                    headers: [.wwwAuthenticate: "Bearer realm=\"kvalitet\""])
    }
}
