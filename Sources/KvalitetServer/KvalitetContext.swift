import Hummingbird
import KvalitetDomain
import NIOCore

/// The request context: Hummingbird's core plus the authenticated actor.
struct KvalitetContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware`; nil only on routes that need no token (`/health`).
    var actor: Actor?
    /// The request's connection, for an interim answer (`100 Continue`) before the final one.
    let channel: any Channel
    /// Set by `MetricsTokenMiddleware` when `GET /metrics` presents the dedicated metrics token.
    var metricsReader = false
    /// The peer's IP address (for failed-authentication audit entries and their rate limit); `unknown` in tests.
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        actor = nil
        channel = source.channel
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Upload limit of API.md: 1 MiB (413 above it).
    var maxUploadSize: Int { 1 << 20 }

    var requestId: String { id }

    /// The actor, for routes behind `AuthMiddleware`.
    func requireActor() throws -> Actor {
        guard let actor else {
            throw HTTPProblem(
                status: .unauthorized, type: "unauthorized", title: "Unauthorized", detail: "a bearer token is required"
            )
        }
        return actor
    }
}
