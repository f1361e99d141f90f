import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/api/v1/epostmottagare` (admins): e-mail recipients of events per unit subtree and event kind.
/// One recipient read also says what its messages came to (sent, pending, failed, the last error).
struct EpostmottagareRoutes: Sendable {
    let store: MailRecipientStore

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/epostmottagare", use: list)
        table.add(.post, "/api/v1/epostmottagare", use: create)
        table.add(.get, "/api/v1/epostmottagare/:id", use: read)
        table.add(.delete, "/api/v1/epostmottagare/:id", use: delete)
    }

    static func members(_ recipient: MailRecipient) -> JSONObject {
        JSONObject([
            ("id", .string(recipient.id)), ("address", .string(recipient.address)),
            ("eventKinds", .array(recipient.eventKinds.map { .string($0.rawValue) })),
            ("unitId", .optional(recipient.unitId)),
            ("createdAt", .string(Timestamp.format(recipient.createdAt))),
            ("createdBy", .string(recipient.createdBy)),
        ])
    }

    static func json(_ summary: MailDeliverySummary) -> JSONValue {
        .object(
            JSONObject([
                ("pending", .int(summary.pending)), ("sent", .int(summary.sent)), ("failed", .int(summary.failed)),
                ("lastError", .optional(summary.lastError)), ("lastAttemptAt", .optional(summary.lastAttemptAt)),
            ]))
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageWebhooks.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        return Reply.list(try await store.list().map { .object(Self.members($0)) }, nextCursor: nil)
    }

    @Sendable func create(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageWebhooks.check(actor)
        let (object, _) = try await BodyReader.object(request, context: context)
        let draft = try WireDecoder.subscription(object, target: "address", check: MailRecipient.checkAddress)
        let created = try await store.create(draft, by: actor.with(requestId: context.requestId))
        return Reply.json(
            .object(Self.members(created)), status: .created,
            headers: [.location: "/api/v1/epostmottagare/\(created.id)"])
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageWebhooks.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let (recipient, summary) = try await store.read(context.parameters.get("id") ?? "")
        var members = Self.members(recipient)
        members["deliveries"] = Self.json(summary)
        return Reply.json(.object(members))
    }

    @Sendable func delete(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageWebhooks.check(actor)
        try await store.delete(context.parameters.get("id") ?? "", by: actor.with(requestId: context.requestId))
        return Response(status: .noContent)
    }
}
