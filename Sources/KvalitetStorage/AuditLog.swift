import Foundation
import GRDB
import KvalitetDomain

/// What the audit log records: every write, every read of a record's details, every token change.
public enum AuditAction: String, Sendable, CaseIterable {
    case create, update, transition, void, note, read, history, export, unitPut = "unit_put", unitDelete = "unit_delete"
    case tokenCreate = "token_create", tokenRevoke = "token_revoke"
    /// A key-figure value stored or replaced; an import of Kolada values.
    case valuePut = "value_put", koladaImport = "kolada_import"
    /// `kvalitet backup` wrote a checked copy of the whole database (detail: where to).
    case backup
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
}

/// Filters for `GET /api/v1/audit`; newest first, paged by entry id.
public struct AuditQuery: Sendable {
    public var recordId: String?
    public var tokenName: String?
    public var from: Date?
    public var to: Date?
    public var beforeId: Int64?
    public var limit: Int

    public init(recordId: String? = nil, tokenName: String? = nil, from: Date? = nil, to: Date? = nil, beforeId: Int64? = nil, limit: Int = 50) {
        self.recordId = recordId
        self.tokenName = tokenName
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

    static func append(_ db: Database, at: String, actor: Actor, action: AuditAction, recordId: String?, detail: String? = nil) throws {
        try db.executeCached(
            sql: "INSERT INTO audit_log (at, token_name, action, record_id, request_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at, actor.tokenName, action.rawValue, recordId, actor.requestId, detail])
    }

    /// Audits reads answered from a reader's snapshot: one write-queue job for all `recordIds`,
    /// returning once it has committed.
    static func append(to database: KvalitetDatabase, at: String, actor: Actor, action: AuditAction, recordIds: [String]) async throws {
        try await database.write { db in
            for recordId in recordIds { try append(db, at: at, actor: actor, action: action, recordId: recordId) }
        }
    }

    public func entries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await database.pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let recordId = query.recordId { conditions.append("record_id = ?"); arguments += [recordId] }
            if let tokenName = query.tokenName { conditions.append("token_name = ?"); arguments += [tokenName] }
            if let from = query.from { conditions.append("at >= ?"); arguments += [Timestamp.format(from)] }
            if let to = query.to { conditions.append("at <= ?"); arguments += [Timestamp.format(to)] }
            if let beforeId = query.beforeId { conditions.append("id < ?"); arguments += [beforeId] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [query.limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log \(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map { row in
                    AuditEntry(id: row["id"], at: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0),
                               tokenName: row["token_name"], action: row["action"], recordId: row["record_id"],
                               requestId: row["request_id"], detail: row["detail"])
                }
        }
    }
}
