import Foundation
import GRDB
import KvalitetDomain

/// One version of a key figure's definition, as history returns it.
public struct NyckeltalVersion: Sendable, Equatable {
    public let stored: StoredNyckeltal
    public let action: ChangeAction
    public let changedAt: Date
    public let changedBy: String
    public let requestId: String?
}

/// Key figures: definitions (created or replaced by code, voided, never removed), their values and
/// analyses (`NyckeltalStore+Values`, `+Analyses`). One method, one transaction, audited.
public struct NyckeltalStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// The audit log's record id of a key figure: its path, so it never collides with a case number.
    static func recordId(_ code: String) -> String { "nyckeltal/\(code)" }

    /// Creates the key figure, or replaces it when `ifMatch` names its current version.
    public func put(
        _ nyckeltal: Nyckeltal, ifMatch: Int?, by actor: Actor
    ) async throws -> (stored: StoredNyckeltal, created: Bool) {
        let now = database.now
        return try await StorageErrors.translate {
            try await database.write { db in
                let current = try Self.fetch(nyckeltal.code, in: db)
                if let current {
                    guard let ifMatch else { throw DomainError.versionRequired(current: current.version) }
                    if ifMatch != current.version { throw DomainError.staleVersion(current: current.version) }
                    if let voided = current.voided {
                        throw DomainError.conflict(
                            rule:
                                "\(nyckeltal.code) was voided on \(voided.on) (\(voided.reason)); a voided key figure "
                                    + "cannot change"
                        )
                    }
                } else if ifMatch != nil {
                    // If-Match on something absent cannot match: the caller meant to change what is not there.
                    throw DomainError.notFound(
                        "no key figure \(nyckeltal.code) to replace; send the PUT without If-Match to create it")
                }
                let stored = StoredNyckeltal(
                    nyckeltal: nyckeltal, version: (current?.version ?? 0) + 1,
                    createdAt: current?.createdAt ?? now, createdBy: current?.createdBy ?? actor.tokenName,
                    updatedAt: now, voided: nil)
                try Self.write(stored, action: current == nil ? .create : .update, actor: actor, in: db)
                return (stored, current == nil)
            }
        }
    }

    /// Voids a key figure: it leaves lists and the report, keeps its values, and can no longer change.
    public func void(_ code: String, ifMatch: Int, reason: String, by actor: Actor) async throws -> StoredNyckeltal {
        let now = database.now
        return try await StorageErrors.translate {
            try await database.write { db in
                guard var stored = try Self.fetch(code, in: db) else { throw Self.notFound(code) }
                if ifMatch != stored.version { throw DomainError.staleVersion(current: stored.version) }
                if stored.voided != nil { throw DomainError.conflict(rule: "\(code) is already voided") }
                stored.voided = Voiding(on: SwedishTime.date(of: now), reason: reason, by: actor.tokenName)
                stored.version += 1
                stored.updatedAt = now
                try Self.write(stored, action: .void, actor: actor, in: db)
                return stored
            }
        }
    }

    public func get(_ code: String) async throws -> StoredNyckeltal? {
        try await database.pool.read { db in try Self.fetch(code, in: db) }
    }

    /// Every key figure by code; voided ones only when asked for.
    public func list(includeVoided: Bool) async throws -> [StoredNyckeltal] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM nyckeltal \(includeVoided ? "" : "WHERE voided_on IS NULL") ORDER BY code"
            )
            .map(Self.stored(from:))
        }
    }

    /// Every version, oldest first. Definitions hold no personal data, so reading them is not audited.
    public func history(_ code: String) async throws -> [NyckeltalVersion] {
        try await database.pool.read { db in
            guard let current = try Self.fetch(code, in: db) else { throw Self.notFound(code) }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM nyckeltal_versions WHERE code = ? ORDER BY version", arguments: [code]
            ).map { row in
                let snapshot = try Self.decoder.decode(Snapshot.self, from: Data((row["snapshot"] as String).utf8))
                let changedAt = Timestamp.parse(row["changed_at"]) ?? current.createdAt
                return NyckeltalVersion(
                    stored: StoredNyckeltal(
                        nyckeltal: snapshot.nyckeltal, version: row["version"], createdAt: current.createdAt,
                        createdBy: current.createdBy, updatedAt: changedAt, voided: snapshot.voided),
                    action: ChangeAction(rawValue: row["action"]) ?? .update, changedAt: changedAt,
                    changedBy: row["changed_by"], requestId: row["request_id"])
            }
        }
    }

    // MARK: - Inside a transaction

    /// What a version keeps: the definition and whether it was voided.
    struct Snapshot: Codable {
        var nyckeltal: Nyckeltal
        var voided: Voiding?
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    static let decoder = JSONDecoder()

    static func notFound(_ code: String) -> DomainError { .notFound("no key figure \(code.prefix(32))") }

    static func fetch(_ code: String, in db: Database) throws -> StoredNyckeltal? {
        try Row.fetchOne(db, sql: "SELECT * FROM nyckeltal WHERE code = ?", arguments: [code]).map(stored(from:))
    }

    /// A key figure that exists and is not voided, for writing values and analyses under it.
    static func fetchWritable(_ code: String, in db: Database) throws -> StoredNyckeltal {
        guard let stored = try fetch(code, in: db) else { throw notFound(code) }
        if let voided = stored.voided {
            throw DomainError.conflict(
                rule: "\(code) was voided on \(voided.on) (\(voided.reason)); nothing more is recorded under it")
        }
        return stored
    }

    static func stored(from row: Row) throws -> StoredNyckeltal {
        let nyckeltal = try decoder.decode(Nyckeltal.self, from: Data((row["body"] as String).utf8))
        let voided: Voiding? = (row["voided_on"] as String?).flatMap(LocalDate.init).map {
            Voiding(on: $0, reason: row["voided_reason"], by: row["voided_by"])
        }
        let epoch = Date(timeIntervalSince1970: 0)
        return StoredNyckeltal(
            nyckeltal: nyckeltal, version: row["version"], createdAt: Timestamp.parse(row["created_at"]) ?? epoch,
            createdBy: row["created_by"], updatedAt: Timestamp.parse(row["updated_at"]) ?? epoch, voided: voided)
    }

    static func write(_ stored: StoredNyckeltal, action: ChangeAction, actor: Actor, in db: Database) throws {
        let body = String(decoding: try encoder.encode(stored.nyckeltal), as: UTF8.self)
        let snapshot = String(
            decoding: try encoder.encode(Snapshot(nyckeltal: stored.nyckeltal, voided: stored.voided)), as: UTF8.self)
        let n = stored.nyckeltal
        let updatedAt = Timestamp.format(stored.updatedAt)
        try db.execute(
            sql: """
                INSERT INTO nyckeltal (code, name, kolada_kpi, version, created_at, created_by, updated_at, \
                voided_on, voided_reason, voided_by, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, kolada_kpi = excluded.kolada_kpi, version = \
                excluded.version,
                    updated_at = excluded.updated_at, voided_on = excluded.voided_on, voided_reason = \
                    excluded.voided_reason,
                    voided_by = excluded.voided_by, body = excluded.body
                """,
            arguments: [
                n.code, n.name, n.koladaKpi, stored.version, Timestamp.format(stored.createdAt), stored.createdBy,
                updatedAt, stored.voided?.on.description, stored.voided?.reason, stored.voided?.by, body,
            ])
        try db.execute(
            sql: """
                INSERT INTO nyckeltal_versions (code, version, action, changed_at, changed_by, request_id, snapshot) \
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [n.code, stored.version, action.rawValue, updatedAt, actor.tokenName, actor.requestId, snapshot])
        let audit: AuditAction =
            switch action {
            case .create: .create;
            case .void: .void;
            default: .update
            }
        try AuditLog.append(
            db, at: updatedAt, actor: actor, action: audit, recordId: recordId(n.code),
            detail: action == .void ? "key figure voided" : "key figure version \(stored.version)")
    }
}
