import Crypto
import Foundation
import GRDB
import KvalitetDomain

/// A receipt as issued: the secret (shown this once, never stored) and what it shows.
public struct IssuedReceipt: Sendable, Equatable {
    public let secret: String
    public let view: ReceiptView
}

/// What a receipt shows of its one record: never free text, only that it was received and where it stands.
public struct ReceiptView: Sendable, Equatable {
    public let recordId: String
    public let family: RecordFamily
    public let status: String
    public let receivedAt: Date
    public let expiresAt: Date
}

/// Receipts for forms: 256 random bits given to the creator of one record, stored only as a
/// Crypto.SHA256 hash, showing that record's receipt view until they expire.
public struct ReceiptStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Issues a receipt for `recordId` valid for `lifetime` seconds; expired receipts are removed in the
    /// same transaction. Throws not-found when there is no such record.
    public func issue(for recordId: String, lifetime: TimeInterval) async throws -> IssuedReceipt {
        let secret = Self.newSecret()
        let now = database.now
        let expiresAt = now.addingTimeInterval(lifetime)
        let view = try await database.write { db -> ReceiptView in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT family, status, created_at FROM records WHERE id = ?", arguments: [recordId]),
                let family = RecordFamily(rawValue: row["family"])
            else { throw DomainError.notFound("no record \(recordId)") }
            try db.execute(sql: "DELETE FROM receipts WHERE expires_at <= ?", arguments: [Timestamp.format(now)])
            try db.execute(
                sql: "INSERT INTO receipts (hash, record_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [Self.hash(secret), recordId, Timestamp.format(now), Timestamp.format(expiresAt)])
            return ReceiptView(
                recordId: recordId, family: family, status: row["status"],
                receivedAt: Timestamp.parse(row["created_at"]) ?? now, expiresAt: expiresAt)
        }
        return IssuedReceipt(secret: secret, view: view)
    }

    /// The receipt view for a presented secret, audited as `receipt_read` in the same transaction;
    /// nil for an expired receipt or any guess.
    public func view(_ secret: String, by actor: Actor) async throws -> ReceiptView? {
        guard secret.utf8.count <= 100 else { return nil }
        let now = database.now
        let nowText = Timestamp.format(now)
        let hash = Self.hash(secret)
        return try await database.write { db -> ReceiptView? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.id, r.family, r.status, r.created_at, k.expires_at
                        FROM receipts k JOIN records r ON r.id = k.record_id
                        WHERE k.hash = ? AND k.expires_at > ?
                        """, arguments: [hash, nowText]),
                let family = RecordFamily(rawValue: row["family"])
            else { return nil }
            let recordId: String = row["id"]
            try AuditLog.append(db, at: nowText, actor: actor, action: .receiptRead, recordId: recordId)
            return ReceiptView(
                recordId: recordId, family: family, status: row["status"],
                receivedAt: Timestamp.parse(row["created_at"]) ?? now,
                expiresAt: Timestamp.parse(row["expires_at"]) ?? now)
        }
    }

    static func hash(_ secret: String) -> Data { Data(Crypto.SHA256.hash(data: Array(secret.utf8))) }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
        return "kvitto_" + base64
    }
}
