import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// Every request but the public paths needs `Authorization: Bearer <credential>`: an unrevoked, unexpired
/// API token, or (when sign-in is configured) a JWT from the OpenID provider. Each refusal is audited
/// (`auth_failure`, with the client address and reason) and counted; an address past the limit of
/// failures a minute gets 429 with Retry-After. `/metrics` also takes the dedicated metrics token
/// (`MetricsTokenMiddleware`, before this one).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let tokens: TokenStore
    let oidc: OIDCVerifier?
    let audit: AuditLog
    let limiter: AuthFailureLimiter
    let clock: any KvalitetClock
    static let publicPaths: Set<String> = ["/health", "/health/ready", "/openapi.yaml"]
    /// A receipt is its own credential (`GET /api/v1/kvitton/{receipt}`).
    static let publicPrefixes = ["/api/v1/kvitton/"]

    static func isPublic(_ path: String) -> Bool {
        publicPaths.contains(path) || publicPrefixes.contains { path.hasPrefix($0) }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if AuthMiddleware.isPublic(request.uri.path) || context.metricsReader {
            return try await next(request, context)
        }
        let address = context.clientAddress
        if let seconds = limiter.retryAfter(address, now: clock.now()) {
            throw HTTPProblem(
                status: .tooManyRequests, type: "too-many-failures",
                title: "Too many failed authentications",
                detail: "too many failed authentications from this address; try again in \(seconds) s",
                headers: [.retryAfter: String(seconds)])
        }
        let actor: Actor
        do {
            actor = try await authenticate(request)
        } catch let error as AuthFailure {
            AppMetrics.authenticationFailed(error.metricsReason)
            // Tokens tried and refused count; a request without any, or a provider that is down, does not.
            if error.isAttempt {
                limiter.record(address, now: clock.now())
                try await audit.recordFailure(
                    address: address, reason: error.reason, tokenName: error.tokenName,
                    requestId: context.requestId)
            }
            // The address and reason go to the audit log, not the log (an address is personal data).
            context.logger.notice("authentication refused")
            throw error.problem
        }
        var context = context
        context.actor = actor.with(requestId: context.requestId)
        return try await next(request, context)
    }

    /// Throws `AuthFailure` for refused credentials; a database failure propagates as itself (500).
    private func authenticate(_ request: Request) async throws -> Actor {
        guard let header = request.headers[.authorization] else {
            throw AuthFailure.missing("a bearer token is required (Authorization: Bearer …)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthFailure.missing("the Authorization header must be \"Bearer <token>\"")
        }
        let credential = String(parts[1]).trimmingCharacters(in: .whitespaces)
        if let oidc, OIDCVerifier.looksLikeJWT(credential) { return try await oidc.authenticate(credential) }
        switch try await tokens.authenticate(credential) {
        case .valid(let actor): return actor
        case .expired(let name, let at): throw AuthFailure.expiredToken(name: name, at: at)
        case .unknown:
            throw try await tokens.wasRevoked(credential) ? AuthFailure.revokedToken : AuthFailure.unknownToken
        }
    }
}
