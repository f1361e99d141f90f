import Foundation
import GRDB
import KvalitetDomain

/// What a recipient's deliveries came to, for admins: counts by state and the last failure's reason.
public struct MailDeliverySummary: Sendable, Equatable {
    public let pending: Int
    public let sent: Int
    public let failed: Int
    /// The classification of the newest failed attempt (`curl 7: …`, `smtp 550`); nil when none.
    public let lastError: String?
    public let lastAttemptAt: String?
}

/// `/api/v1/epostmottagare`: admins' e-mail recipients, each write one transaction with its audit entry.
public struct MailRecipientStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Creates a recipient of the events written from now on (never older ones). `unitId` must name a
    /// unit (422 at `/unitId`); the same address twice for one subtree is 409. The address and kinds
    /// are the domain's to check before.
    public func create(_ draft: SubscriptionDraft, by actor: Actor) async throws -> MailRecipient {
        let now = database.now
        let id = "ep_" + WebhookStore.random(12).map { String(format: "%02x", $0) }.joined()
        let recipient = MailRecipient(
            id: id, address: draft.target, eventKinds: draft.eventKinds, unitId: draft.unitId, createdAt: now,
            createdBy: actor.tokenName)
        try await StorageErrors.translate {
            try await database.write { [database] db in
                if let unitId = draft.unitId, try database.unitTree(in: db).units[unitId] == nil {
                    throw DomainError.invalid([
                        FieldProblem("/unitId", .unknownUnit(unitId: String(unitId.prefix(64))))
                    ])
                }
                let duplicate = try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM mail_recipients WHERE lower(address) = lower(?) AND ifnull(unit_id, '') = ?
                        """, arguments: [draft.target, draft.unitId ?? ""]) ?? false
                if duplicate {
                    throw DomainError.conflict(rule: "this address already receives e-mail for this unit subtree")
                }
                try db.execute(
                    sql: """
                        INSERT INTO mail_recipients (id, address, event_kinds, unit_id, created_at, created_by, cursor)
                        VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM events))
                        """,
                    arguments: [
                        id, draft.target, StoredEventKinds.text(draft.eventKinds), draft.unitId,
                        Timestamp.format(now), actor.tokenName,
                    ])
                try AuditLog.append(
                    db, at: Timestamp.format(now), actor: actor, action: .mailRecipientCreate, recordId: nil,
                    detail: id)
            }
        }
        return recipient
    }

    /// Every recipient, oldest first.
    public func list() async throws -> [MailRecipient] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mail_recipients ORDER BY created_at, id").map(Self.recipient)
        }
    }

    /// One recipient with what its deliveries came to; 404 when there is none with `id`.
    public func read(_ id: String) async throws -> (MailRecipient, MailDeliverySummary) {
        let found = try await database.pool.read { db -> (Row, Row, Row?)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM mail_recipients WHERE id = ?", arguments: [id])
            else { return nil }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, COALESCE(SUM(state = 'sent'), 0) AS sent,
                        COALESCE(SUM(state = 'failed'), 0) AS failed
                    FROM mail_deliveries WHERE recipient_id = ?
                    """, arguments: [id])!
            let last = try Row.fetchOne(
                db,
                sql: """
                    SELECT last_error, last_attempt_at FROM mail_deliveries
                    WHERE recipient_id = ? AND last_error IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1
                    """, arguments: [id])
            return (row, counts, last)
        }
        guard let (row, counts, last) = found else { throw Self.notFound(id) }
        return (
            Self.recipient(row),
            MailDeliverySummary(
                pending: counts["pending"], sent: counts["sent"], failed: counts["failed"],
                lastError: last?["last_error"], lastAttemptAt: last?["last_attempt_at"])
        )
    }

    /// Deletes a recipient with its deliveries: nothing more is sent to it.
    public func delete(_ id: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.write { db in
            try db.execute(sql: "DELETE FROM mail_recipients WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw Self.notFound(id) }
            try AuditLog.append(db, at: now, actor: actor, action: .mailRecipientDelete, recordId: nil, detail: id)
        }
    }

    static func recipient(_ row: Row) -> MailRecipient {
        MailRecipient(
            id: row["id"], address: row["address"],
            eventKinds: StoredEventKinds.kinds(row["event_kinds"]),
            unitId: row["unit_id"], createdAt: Timestamp.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
            createdBy: row["created_by"])
    }

    static func notFound(_ id: String) -> DomainError { .notFound("no e-mail recipient \(id.prefix(64))") }
}
