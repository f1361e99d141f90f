import Hummingbird
import KvalitetDomain

/// The request context: Hummingbird's core plus the authenticated actor.
struct KvalitetContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware`; nil only on routes that need no token (`/health`).
    var actor: Actor?
    /// The peer's IP address (for failed-authentication audit entries and their rate limit); `unknown` in tests.
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        actor = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Upload limit of API.md: 1 MiB (413 above it).
    var maxUploadSize: Int { 1 << 20 }

    var requestId: String { id }

    /// The actor, for routes behind `AuthMiddleware`.
    func requireActor() throws -> Actor {
        guard let actor else {
            throw HTTPProblem(status: .unauthorized, type: "unauthorized", title: "Unauthorized", detail: "a bearer token is required")
        }
        return actor
    }
}
