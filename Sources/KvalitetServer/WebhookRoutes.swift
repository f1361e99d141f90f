import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/api/v1/webhooks`: admins' subscriptions to events, signed per Standard Webhooks; the secret is
/// answered once, by the create. Deliveries of each are listed, and a failed one can be retried.
struct WebhookRoutes: Sendable {
    let store: WebhookStore

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/webhooks", use: list)
        table.add(.post, "/api/v1/webhooks", use: create)
        table.add(.get, "/api/v1/webhooks/:id", use: read)
        table.add(.delete, "/api/v1/webhooks/:id", use: delete)
        table.add(.get, "/api/v1/webhooks/:id/deliveries", query: ["state", "cursor", "limit"], use: deliveries)
        table.add(.post, "/api/v1/webhooks/:id/deliveries/:delivery/retry", use: retry)
    }

    static let states = ["pending", "delivered", "failed"]

    static func json(_ subscription: WebhookSubscription, secret: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(subscription.id)), ("url", .string(subscription.url)),
            ("eventKinds", .array(subscription.eventKinds.map { .string($0.rawValue) })),
            ("unitId", .optional(subscription.unitId)),
            ("createdAt", .string(Timestamp.format(subscription.createdAt))),
            ("createdBy", .string(subscription.createdBy)),
        ]
        if let secret { members.append(("secret", .string(secret))) }
        return .object(JSONObject(members))
    }

    static func json(_ delivery: WebhookDelivery) -> JSONValue {
        .object(
            JSONObject([
                ("id", .int(Int(delivery.id))), ("eventId", .string(delivery.eventId)),
                ("eventKind", .string(delivery.eventKind)), ("recordId", .string(delivery.recordId)),
                ("state", .string(delivery.state)), ("attempts", .int(delivery.attempts)),
                ("nextAttemptAt", .optional(delivery.nextAttemptAt)),
                ("lastAttemptAt", .optional(delivery.lastAttemptAt)),
                ("lastStatus", delivery.lastStatus.map { .int($0) } ?? .null),
                ("lastError", .optional(delivery.lastError)),
                ("deliveredAt", .optional(delivery.deliveredAt)),
            ]))
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageWebhooks.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        return Reply.list(try await store.list().map { Self.json($0) }, nextCursor: nil)
    }

    @Sendable func create(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageWebhooks.check(actor)
        let (object, _) = try await BodyReader.object(request, context: context)
        let draft = try WireDecoder.subscription(object, target: "url", check: WebhookSubscription.checkURL)
        let created = try await store.create(
            url: draft.target, eventKinds: draft.eventKinds, unitId: draft.unitId, by: actor)
        return Reply.json(
            Self.json(created.subscription, secret: created.secret), status: .created,
            headers: [.location: "/api/v1/webhooks/\(created.subscription.id)"])
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageWebhooks.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        return Reply.json(Self.json(try await store.read(context.parameters.get("id") ?? "")))
    }

    @Sendable func delete(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageWebhooks.check(actor)
        try await store.delete(context.parameters.get("id") ?? "", by: actor)
        return Response(status: .noContent)
    }

    @Sendable func deliveries(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageWebhooks.check(try context.requireActor())
        var query = QueryReader(request, allowed: ["state", "cursor", "limit"])
        let state = query.choice("state", of: Self.states)
        let limit = query.int("limit", range: 1...500, default: 50)
        let cursor = query.string("cursor")
        let before = cursor.flatMap { Int64($0) }
        if cursor != nil, (before ?? 0) < 1 { query.fail("cursor", .notACursor) }
        try query.throwIfAny()
        let page = try await store.deliveries(
            of: context.parameters.get("id") ?? "", state: state, before: before, limit: limit)
        let next = page.count == limit ? page.last.map { String($0.id) } : nil
        return Reply.list(page.map(Self.json), nextCursor: next)
    }

    @Sendable func retry(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageWebhooks.check(actor)
        guard let delivery = Int64(context.parameters.get("delivery") ?? ""), delivery > 0 else {
            throw DomainError.notFound("no delivery \((context.parameters.get("delivery") ?? "").prefix(32))")
        }
        let retried = try await store.retry(delivery, of: context.parameters.get("id") ?? "", by: actor)
        return Reply.json(Self.json(retried))
    }
}
