import Foundation
import GRDB
import KvalitetDomain

/// A delivery the worker is to attempt now, with what it signs and sends.
public struct DueDelivery: Sendable, Equatable {
    public let id: Int64
    public let subscriptionId: String
    public let url: String
    /// The subscription's `whsec_…` secret: only for signing, never logged.
    public let secret: String
    /// The event's message id (`webhook-id`), kind (`type`), time and `data` object.
    public let eventId: String
    public let kind: String
    public let occurredAt: String
    public let payload: String
    public let recordId: String
    public let attempts: Int
    public let firstDueAt: Date
}

/// What an attempt came to: delivered (a 2xx), or why not.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered(status: Int)
    /// The receiver answered something else (`status`), or not at all (`status` nil, `reason` timeout or connection).
    case refused(status: Int?, reason: String)
}

/// The webhook worker's side of the outbox: fan events out into deliveries, pick those due (in order
/// per record), and record each attempt. Every step is one transaction through the write queue.
public struct WebhookQueue: Sendable {
    let database: KvalitetDatabase
    let retry: WebhookRetry

    public init(_ database: KvalitetDatabase, retry: WebhookRetry = .standard) {
        self.database = database
        self.retry = retry
    }

    /// Turns events written since each subscription's cursor into its pending deliveries (at most
    /// `limit` events per subscription and call), due at once; returns how many deliveries it created.
    @discardableResult
    public func fanOut(limit: Int = 500) async throws -> Int {
        let now = database.nowText
        // A read first: the writer is asked only when some subscription has events to take.
        let waiting = try await database.pool.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM webhook_subscriptions s
                    WHERE EXISTS (SELECT 1 FROM events WHERE seq > s.cursor))
                """)) ?? false
        }
        guard waiting else { return 0 }
        return try await database.write { [database] db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM webhook_subscriptions ORDER BY id")
            guard !rows.isEmpty else { return 0 }
            let tree = try database.unitTree(in: db)
            var created = 0
            for row in rows {
                let subscription = WebhookStore.subscription(row)
                let cursor: Int64 = row["cursor"]
                let events = try StoredEvent.fetch(after: cursor, limit: limit, in: db)
                guard let last = events.last else { continue }
                let subtree = subscription.unitId.map { tree.subtree(of: $0) }
                for event in events where subscription.wants(event.kind, unitIds: event.unitIds, subtree: subtree) {
                    try db.executeCached(
                        sql: """
                            INSERT INTO webhook_deliveries (subscription_id, event_seq, record_id, state, first_due_at,
                                next_attempt_at)
                            VALUES (?, ?, ?, 'pending', ?, ?)
                            """, arguments: [subscription.id, event.seq, event.recordId, now, now])
                    created += 1
                }
                try db.executeCached(
                    sql: "UPDATE webhook_subscriptions SET cursor = ? WHERE id = ?",
                    arguments: [last.seq, subscription.id])
            }
            return created
        }
    }

    /// Deliveries due now, at most `limit`: for each subscription and record only the oldest pending
    /// one, so that a record's events arrive in the order they happened.
    public func due(limit: Int = 100) async throws -> [DueDelivery] {
        let now = database.nowText
        return try await database.pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT d.id, d.subscription_id, s.url, s.secret, e.id AS event_id, e.kind, e.occurred_at, e.payload,
                        d.record_id, d.attempts, d.first_due_at
                    FROM webhook_deliveries d
                    JOIN webhook_subscriptions s ON s.id = d.subscription_id
                    JOIN events e ON e.seq = d.event_seq
                    WHERE d.state = 'pending' AND d.next_attempt_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o
                          WHERE o.subscription_id = d.subscription_id AND o.record_id = d.record_id
                            AND o.state = 'pending' AND o.event_seq < d.event_seq)
                    ORDER BY d.event_seq LIMIT ?
                    """), arguments: [now, limit]
            ).map { row in
                DueDelivery(
                    id: row["id"], subscriptionId: row["subscription_id"], url: row["url"], secret: row["secret"],
                    eventId: row["event_id"], kind: row["kind"], occurredAt: row["occurred_at"],
                    payload: row["payload"], recordId: row["record_id"], attempts: row["attempts"],
                    firstDueAt: Timestamp.parse(row["first_due_at"]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    /// Records an attempt of `delivery`: delivered, or pending again after the backoff, or failed
    /// once the backoff would pass 24 hours. Returns the state it is left in.
    @discardableResult
    public func record(_ outcome: DeliveryOutcome, of delivery: DueDelivery) async throws -> String {
        let now = database.now
        let attempts = delivery.attempts + 1
        let retry = retry
        return try await database.write { db in
            switch outcome {
            case .delivered(let status):
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET state = 'delivered', attempts = ?, last_attempt_at = ?,
                            last_status = ?, last_error = NULL, delivered_at = ?, next_attempt_at = NULL
                        WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [attempts, Timestamp.format(now), status, Timestamp.format(now), delivery.id])
                return "delivered"
            case .refused(let status, let reason):
                let next = retry.nextAttempt(after: attempts, at: now, firstDueAt: delivery.firstDueAt)
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET state = ?, attempts = ?, last_attempt_at = ?, last_status = ?,
                            last_error = ?, next_attempt_at = ?
                        WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [
                        next == nil ? "failed" : "pending", attempts, Timestamp.format(now), status, reason,
                        next.map(Timestamp.format), delivery.id,
                    ])
                return next == nil ? "failed" : "pending"
            }
        }
    }
}
