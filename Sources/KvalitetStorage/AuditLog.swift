import Foundation
import GRDB
import KvalitetDomain

/// What the audit log records: every write, every read of a record's details, every token change,
/// every failed authentication and every receipt shown.
public enum AuditAction: String, Sendable, CaseIterable {
    case create, update, transition, void, note, read, history, export
    case unitPut = "unit_put"
    case unitDelete = "unit_delete"
    case tokenCreate = "token_create"
    case tokenRevoke = "token_revoke"
    case tokenRotate = "token_rotate"
    /// A key-figure value stored or replaced; an import of Kolada values.
    case valuePut = "value_put"
    case koladaImport = "kolada_import"
    /// A request whose credentials were refused (unknown, revoked or expired token, a JWT failing a check).
    case authFailure = "auth_failure"
    /// A form's receipt was shown (`GET /api/v1/kvitton/{receipt}`).
    case receiptRead = "receipt_read"
    /// `kvalitet backup` wrote a checked copy of the whole database (detail: where to).
    case backup
    /// A webhook subscription created or deleted, a failed delivery retried (detail: ids only).
    case webhookCreate = "webhook_create"
    case webhookDelete = "webhook_delete"
    case webhookRetry = "webhook_retry"
    /// An e-mail recipient created or deleted (detail: its id only, never the address).
    case mailRecipientCreate = "epostmottagare_create"
    case mailRecipientDelete = "epostmottagare_delete"
    /// A gallring rule created or given a new version; a record removed by a gallring (its id, family,
    /// dates and the decision, never content); a run's start and end.
    case gallringRule = "gallring_rule_put"
    case gallring
    case gallringRun = "gallring_run"
    /// A package delivered to the e-arkiv: one entry per case it holds (at which version) and one
    /// for the package (its id, year, families, count and the SHA-256 of its METS.xml).
    case earkivLeverans = "earkiv_leverans"
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let tokenName: String
    public let action: String
    public let recordId: String?
    public let requestId: String?
    public let detail: String?
    /// The signed-in person's subject and display name; nil for API tokens and failures.
    public let personSubject: String?
    public let personName: String?
    /// The API token's name or the OIDC client id; nil on entries older than schema 7.
    public let client: String?
    /// The caller's IP address, on failed authentications.
    public let clientAddress: String?
}

/// Filters for `GET /api/v1/audit` and its CSV; newest first, paged by entry id.
public struct AuditQuery: Sendable {
    public var recordId: String?
    public var tokenName: String?
    /// A person's subject (`sub`).
    public var personSubject: String?
    public var action: AuditAction?
    public var from: Date?
    public var to: Date?
    public var beforeId: Int64?
    public var limit: Int

    public init(
        recordId: String? = nil, tokenName: String? = nil, personSubject: String? = nil, action: AuditAction? = nil,
        from: Date? = nil, to: Date? = nil, beforeId: Int64? = nil, limit: Int = 50
    ) {
        self.recordId = recordId
        self.tokenName = tokenName
        self.personSubject = personSubject
        self.action = action
        self.from = from
        self.to = to
        self.beforeId = beforeId
        self.limit = limit
    }
}

/// The append-only audit log: written inside the transaction of the thing it records.
public struct AuditLog: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    static func append(
        _ db: any RowWriter, at: String, actor: Actor, action: AuditAction, recordId: String?, detail: String? = nil
    ) throws {
        try db.executeCached(
            sql: """
                INSERT INTO audit_log
                    (at, token_name, action, record_id, request_id, detail, person_subject, person_name, client)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                at, actor.tokenName, action.rawValue, recordId, actor.requestId, detail,
                actor.person?.subject, actor.person.map { String($0.displayName.prefix(200)) }, actor.client,
            ])
    }

    /// Audits reads answered from a reader's snapshot: one write-queue job for all `recordIds`,
    /// returning once it has committed.
    static func append(
        to database: KvalitetDatabase, at: String, actor: Actor, action: AuditAction, recordIds: [String]
    ) async throws {
        try await database.write { db in
            for recordId in recordIds { try append(db, at: at, actor: actor, action: action, recordId: recordId) }
        }
    }

    /// Records a refused authentication: the client's address, the reason (never token material)
    /// and, when the secret matched a known token, its name (`-` otherwise).
    public func recordFailure(address: String, reason: String, tokenName: String?, requestId: String?) async throws {
        let now = database.nowText
        try await database.write { db in
            try db.executeCached(
                sql: """
                    INSERT INTO audit_log (at, token_name, action, request_id, detail, client_address)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    now, tokenName ?? "-", AuditAction.authFailure.rawValue, requestId,
                    String(reason.prefix(300)), String(address.prefix(64)),
                ])
        }
    }

    public func entries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await database.pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let recordId = query.recordId {
                conditions.append("record_id = ?")
                arguments += [recordId]
            }
            if let tokenName = query.tokenName {
                conditions.append("token_name = ?")
                arguments += [tokenName]
            }
            if let subject = query.personSubject {
                conditions.append("person_subject = ?")
                arguments += [subject]
            }
            if let action = query.action {
                conditions.append("action = ?")
                arguments += [action.rawValue]
            }
            if let from = query.from {
                conditions.append("at >= ?")
                arguments += [Timestamp.format(from)]
            }
            if let to = query.to {
                conditions.append("at <= ?")
                arguments += [Timestamp.format(to)]
            }
            if let beforeId = query.beforeId {
                conditions.append("id < ?")
                arguments += [beforeId]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [query.limit]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log \(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments
            )
            .map { row in
                AuditEntry(
                    id: row["id"], at: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0),
                    tokenName: row["token_name"], action: row["action"], recordId: row["record_id"],
                    requestId: row["request_id"], detail: row["detail"], personSubject: row["person_subject"],
                    personName: row["person_name"], client: row["client"], clientAddress: row["client_address"])
            }
        }
    }
}
