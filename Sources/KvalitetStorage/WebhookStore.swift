import Foundation
import GRDB
import KvalitetDomain

/// A subscription with the secret it signs with: what `create` answers once and the worker reads.
public struct CreatedWebhook: Sendable {
    public let subscription: WebhookSubscription
    /// `whsec_` and the base64 of 32 random bytes (Standard Webhooks' symmetric secret).
    public let secret: String
}

/// One delivery of one event to one subscription, as admins list it (never the payload's secret).
public struct WebhookDelivery: Sendable, Equatable {
    public let id: Int64
    public let subscriptionId: String
    public let eventId: String
    public let eventKind: String
    public let recordId: String
    /// `pending`, `delivered` or `failed`.
    public let state: String
    public let attempts: Int
    public let nextAttemptAt: String?
    public let lastAttemptAt: String?
    /// The receiver's last HTTP status; nil when it never answered.
    public let lastStatus: Int?
    /// `timeout`, `connection` or `http_status`; nil after a success.
    public let lastError: String?
    public let deliveredAt: String?

    init(row: Row) {
        id = row["id"]
        subscriptionId = row["subscription_id"]
        eventId = row["event_id"]
        eventKind = row["kind"]
        recordId = row["record_id"]
        state = row["state"]
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastAttemptAt = row["last_attempt_at"]
        lastStatus = row["last_status"]
        lastError = row["last_error"]
        deliveredAt = row["delivered_at"]
    }
}

/// `/api/v1/webhooks`: admins' subscriptions, each write one transaction with its audit entry.
public struct WebhookStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    static func random(_ bytes: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Creates a subscription that receives the events written from now on (never older ones).
    /// `unitId` must name a unit; the URL and kinds are the domain's to check before.
    public func create(url: String, eventKinds: [EventKind], unitId: String?, by actor: Actor) async throws
        -> CreatedWebhook
    {
        let now = database.now
        let id = "wh_" + Self.random(12).map { String(format: "%02x", $0) }.joined()
        let secret = "whsec_" + Data(Self.random(32)).base64EncodedString()
        let subscription = WebhookSubscription(
            id: id, url: url, eventKinds: eventKinds, unitId: unitId, createdAt: now, createdBy: actor.tokenName)
        try await StorageErrors.translate {
            try await database.write { [database] db in
                if let unitId, try database.unitTree(in: db).units[unitId] == nil {
                    throw DomainError.invalid([
                        FieldProblem("/unitId", .unknownUnit(unitId: String(unitId.prefix(64))))
                    ])
                }
                try db.execute(
                    sql: """
                        INSERT INTO webhook_subscriptions
                            (id, url, event_kinds, unit_id, secret, created_at, created_by, cursor)
                        VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM events))
                        """,
                    arguments: [
                        id, url, StoredEventKinds.text(eventKinds), unitId, secret,
                        Timestamp.format(now), actor.tokenName,
                    ])
                try AuditLog.append(
                    db, at: Timestamp.format(now), actor: actor, action: .webhookCreate, recordId: nil, detail: id)
            }
        }
        return CreatedWebhook(subscription: subscription, secret: secret)
    }

    /// Every subscription, oldest first.
    public func list() async throws -> [WebhookSubscription] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_subscriptions ORDER BY created_at, id")
                .map(Self.subscription)
        }
    }

    /// One subscription; 404 when there is none with `id`.
    public func read(_ id: String) async throws -> WebhookSubscription {
        let row = try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_subscriptions WHERE id = ?", arguments: [id])
        }
        guard let row else { throw Self.notFound(id) }
        return Self.subscription(row)
    }

    /// Deletes a subscription with its deliveries: nothing more is sent to it.
    public func delete(_ id: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.write { db in
            try db.execute(sql: "DELETE FROM webhook_subscriptions WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw Self.notFound(id) }
            try AuditLog.append(db, at: now, actor: actor, action: .webhookDelete, recordId: nil, detail: id)
        }
    }

    /// A subscription's deliveries, newest first, optionally of one `state`, before delivery id `before`.
    public func deliveries(of id: String, state: String?, before: Int64?, limit: Int) async throws
        -> [WebhookDelivery]
    {
        try await database.pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM webhook_subscriptions WHERE id = ?", arguments: [id])
                != nil
            else { throw Self.notFound(id) }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, e.id AS event_id, e.kind FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
                    WHERE d.subscription_id = ? AND (? IS NULL OR d.state = ?) AND d.id < ?
                    ORDER BY d.id DESC LIMIT ?
                    """, arguments: [id, state, state, before ?? Int64.max, limit]
            ).map(WebhookDelivery.init(row:))
        }
    }

    /// Makes a failed delivery pending again, due now, with a new 24 hours of retries.
    /// 404 for an unknown subscription or delivery; 409 unless it failed.
    public func retry(_ deliveryId: Int64, of id: String, by actor: Actor) async throws -> WebhookDelivery {
        let now = database.nowText
        return try await database.write { db in
            let select = """
                SELECT d.*, e.id AS event_id, e.kind FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
                WHERE d.id = ? AND d.subscription_id = ?
                """
            guard let row = try Row.fetchOne(db, sql: select, arguments: [deliveryId, id]) else {
                throw DomainError.notFound("no delivery \(deliveryId) of webhook \(id.prefix(64))")
            }
            let state: String = row["state"]
            guard state == "failed" else {
                throw DomainError.conflict(rule: "only a failed delivery can be retried; this one is \(state)")
            }
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ?, first_due_at = ?
                    WHERE id = ?
                    """, arguments: [now, now, deliveryId])
            try AuditLog.append(
                db, at: now, actor: actor, action: .webhookRetry, recordId: row["record_id"],
                detail: "\(id) delivery \(deliveryId)")
            return WebhookDelivery(row: try Row.fetchOne(db, sql: select, arguments: [deliveryId, id])!)
        }
    }

    static func subscription(_ row: Row) -> WebhookSubscription {
        WebhookSubscription(
            id: row["id"], url: row["url"],
            eventKinds: StoredEventKinds.kinds(row["event_kinds"]),
            unitId: row["unit_id"], createdAt: Timestamp.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
            createdBy: row["created_by"])
    }

    static func notFound(_ id: String) -> DomainError { .notFound("no webhook \(id.prefix(64))") }
}
