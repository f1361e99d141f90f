import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/kvitton/{receipt}`: the receipt view of the one record a form created, while the
/// receipt lasts; 404 afterwards and for any guess. The receipt is its own credential (no token).
struct ReceiptRoutes: Sendable {
    let store: ReceiptStore

    /// Who a receipt read is audited as: no token and no person, only the receipt.
    static let reader = Actor(tokenName: "(kvitto)", role: .rapportor, unitScope: nil, client: "kvitto")

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/kvitton/:receipt", use: show)
    }

    @Sendable func show(_ request: Request, context: KvalitetContext) async throws -> Response {
        try QueryReader(request, allowed: []).throwIfAny()
        let secret = context.parameters.get("receipt") ?? ""
        guard let view = try await store.view(secret, by: Self.reader.with(requestId: context.requestId)) else {
            throw DomainError.notFound("no receipt with this number, or it has expired")
        }
        return Reply.json(Self.json(view), headers: [.cacheControl: "no-store"])
    }

    static func json(_ view: ReceiptView, secret: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = secret.map { [("receipt", .string($0))] } ?? []
        members += [
            ("recordId", .string(view.recordId)), ("family", .string(view.family.rawValue)),
            ("status", .string(view.status)),
            ("receivedAt", .string(Timestamp.format(view.receivedAt))),
            ("expiresAt", .string(Timestamp.format(view.expiresAt))),
        ]
        return .object(JSONObject(members))
    }
}

/// A form's API token (role rapportor, no person) gets a receipt, not the record, when it creates one:
/// the created answer's body becomes the receipt view with the receipt secret, shown this once.
struct ReceiptMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let store: ReceiptStore
    /// How long a receipt shows its record, in seconds.
    let lifetime: TimeInterval
    static let recordPaths: Set<String> = Set(RecordFamily.allCases.map { "/api/v1/" + $0.path })

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .post, response.status == .created, let actor = context.actor, actor.isFormToken,
            Self.recordPaths.contains(request.uri.path), let location = response.headers[.location],
            let recordId = location.split(separator: "/").last
        else { return response }
        let issued = try await store.issue(for: String(recordId), lifetime: lifetime)
        var headers: HTTPFields = [.location: "/api/v1/kvitton/\(issued.secret)", .cacheControl: "no-store"]
        if let replayed = response.headers[.init("Idempotent-Replayed")!] {
            headers[.init("Idempotent-Replayed")!] = replayed
        }
        return Reply.json(ReceiptRoutes.json(issued.view, secret: issued.secret), status: .created, headers: headers)
    }
}
