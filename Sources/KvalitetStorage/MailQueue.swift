import Foundation
import GRDB
import KvalitetDomain

/// A mail delivery the worker is to attempt now: the event and where it goes.
public struct DueMail: Sendable, Equatable {
    public let id: Int64
    public let recipientId: String
    /// The recipient's address: for the SMTP envelope and `To:` only, never logged.
    public let address: String
    /// The event's id (it makes the message's Message-ID), kind, time and JSON `data`.
    public let eventId: String
    public let kind: String
    public let occurredAt: String
    public let payload: String
    /// The names of the event's units, in its order (a unit's id when the unit is gone).
    public let unitNames: [String]
    public let attempts: Int
    public let firstDueAt: Date
}

/// What a send came to: the relay accepted the message, or why not (a short classification).
public enum MailOutcome: Sendable, Equatable {
    case sent
    case refused(reason: String)
}

/// The mail worker's side of the outbox: fan events out into deliveries per recipient, pick those
/// due, and record each attempt. Every step is one transaction through the write queue.
public struct MailQueue: Sendable {
    let database: KvalitetDatabase
    let retry: WebhookRetry

    /// `retry`: the same backoff as webhooks (30 s doubling to 2 h apart, for 24 hours) unless given.
    public init(_ database: KvalitetDatabase, retry: WebhookRetry = .standard) {
        self.database = database
        self.retry = retry
    }

    /// Turns events written since each recipient's cursor into its pending deliveries (at most
    /// `limit` events per recipient and call), due at once; returns how many deliveries it created.
    @discardableResult
    public func fanOut(limit: Int = 500) async throws -> Int {
        let now = database.nowText
        let waiting = try await database.pool.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM mail_recipients r WHERE EXISTS (SELECT 1 FROM events WHERE seq > r.cursor))
                """)) ?? false
        }
        guard waiting else { return 0 }
        return try await database.write { [database] db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM mail_recipients ORDER BY id")
            let tree = try database.unitTree(in: db)
            var created = 0
            for row in rows {
                let recipient = MailRecipientStore.recipient(row)
                let events = try StoredEvent.fetch(after: row["cursor"], limit: limit, in: db)
                guard let last = events.last else { continue }
                let subtree = recipient.unitId.map { tree.subtree(of: $0) }
                for event in events where recipient.wants(event.kind, unitIds: event.unitIds, subtree: subtree) {
                    try db.executeCached(
                        sql: """
                            INSERT OR IGNORE INTO mail_deliveries (recipient_id, event_seq, state, first_due_at,
                                next_attempt_at)
                            VALUES (?, ?, 'pending', ?, ?)
                            """, arguments: [recipient.id, event.seq, now, now])
                    created += db.changesCount
                }
                try db.executeCached(
                    sql: "UPDATE mail_recipients SET cursor = ? WHERE id = ?", arguments: [last.seq, recipient.id])
            }
            return created
        }
    }

    /// Deliveries due now, oldest event first, at most `limit`: for each recipient and record only the
    /// oldest pending one, so that a record's messages arrive in the order its events happened.
    public func due(limit: Int = 50) async throws -> [DueMail] {
        let now = database.nowText
        return try await database.pool.read { [database] db in
            let tree = try database.unitTree(in: db)
            return try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT d.id, d.recipient_id, r.address, e.id AS event_id, e.kind, e.occurred_at, e.payload,
                        e.unit_ids, d.attempts, d.first_due_at
                    FROM mail_deliveries d
                    JOIN mail_recipients r ON r.id = d.recipient_id
                    JOIN events e ON e.seq = d.event_seq
                    WHERE d.state = 'pending' AND d.next_attempt_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM mail_deliveries o JOIN events oe ON oe.seq = o.event_seq
                          WHERE o.recipient_id = d.recipient_id AND o.state = 'pending' AND oe.record_id = e.record_id
                            AND o.event_seq < d.event_seq)
                    ORDER BY d.event_seq, d.id LIMIT ?
                    """), arguments: [now, limit]
            ).map { row in
                let units = (row["unit_ids"] as String).split(separator: ",").map(String.init)
                return DueMail(
                    id: row["id"], recipientId: row["recipient_id"], address: row["address"],
                    eventId: row["event_id"], kind: row["kind"], occurredAt: row["occurred_at"],
                    payload: row["payload"], unitNames: units.map { tree.units[$0]?.name ?? $0 },
                    attempts: row["attempts"],
                    firstDueAt: Timestamp.parse(row["first_due_at"]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    /// Records an attempt of `mail`: sent, or pending again after the backoff, or failed once the
    /// backoff would pass 24 hours. Returns the state it is left in.
    @discardableResult
    public func record(_ outcome: MailOutcome, of mail: DueMail) async throws -> String {
        let now = database.now
        let attempts = mail.attempts + 1
        let retry = retry
        return try await database.write { db in
            switch outcome {
            case .sent:
                try db.execute(
                    sql: """
                        UPDATE mail_deliveries SET state = 'sent', attempts = ?, last_attempt_at = ?, last_error = NULL,
                            sent_at = ?, next_attempt_at = NULL
                        WHERE id = ? AND state = 'pending'
                        """, arguments: [attempts, Timestamp.format(now), Timestamp.format(now), mail.id])
                return "sent"
            case .refused(let reason):
                let next = retry.nextAttempt(after: attempts, at: now, firstDueAt: mail.firstDueAt)
                try db.execute(
                    sql: """
                        UPDATE mail_deliveries SET state = ?, attempts = ?, last_attempt_at = ?, last_error = ?,
                            next_attempt_at = ?
                        WHERE id = ? AND state = 'pending'
                        """,
                    arguments: [
                        next == nil ? "failed" : "pending", attempts, Timestamp.format(now), String(reason.prefix(200)),
                        next.map(Timestamp.format), mail.id,
                    ])
                return next == nil ? "failed" : "pending"
            }
        }
    }
}
