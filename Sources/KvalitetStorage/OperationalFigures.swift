import Foundation
import GRDB
import KvalitetDomain

/// What an operator watches about the database, read when `/metrics` is scraped. Counts only:
/// no record id, no free text, no name.
public struct OperationalFigures: Sendable, Equatable {
    /// Bytes of the database file and of its write-ahead log (`-wal`), 0 when a file is absent.
    public var databaseBytes: Int64
    public var walBytes: Int64
    /// Records stored per family (voided ones included: nothing is deleted), by `RecordFamily.rawValue`.
    public var recordsByFamily: [String: Int]
    /// Lex Sarah reports, not voided, whose investigation's deadline to IVO has passed today.
    public var lexSarahOverdue: Int
    /// When `kvalitet backup` last wrote a checked copy (from the audit log), nil when never.
    public var lastBackupAt: Date?
}

extension KvalitetDatabase {
    /// The actor `kvalitet backup` writes its audit entry as; `/metrics` reads the newest such entry.
    static let backupActor = Actor(tokenName: "kvalitet-backup", role: .admin, unitScope: nil)

    /// Counts read from one snapshot, file sizes from the file system.
    public func operationalFigures(today: LocalDate) async throws -> OperationalFigures {
        let (byFamily, overdue, backup) = try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT family, COUNT(*) AS n FROM records GROUP BY family")
            var byFamily = Dictionary(uniqueKeysWithValues: RecordFamily.allCases.map { ($0.rawValue, 0) })
            for row in rows { byFamily[row["family"]] = row["n"] }
            // The domain's deadline rule, as stored with each report (what `?overdue=true` lists).
            let overdueRule = LexSarah.overdueCondition ?? "0"
            let overdueSQL = "SELECT COUNT(*) FROM records r WHERE r.family = ? AND " + overdueRule
            let overdue = try Int.fetchOne(db, sql: overdueSQL,
                                           arguments: [RecordFamily.lexSarah.rawValue, today.description]) ?? 0
            let backup = try String.fetchOne(db, sql: """
                SELECT at FROM audit_log WHERE token_name = ? AND action = ? ORDER BY id DESC LIMIT 1
                """, arguments: [Self.backupActor.tokenName, AuditAction.backup.rawValue])
            return (byFamily, overdue, backup)
        }
        return OperationalFigures(
            databaseBytes: Self.fileSize(path), walBytes: Self.fileSize(path + "-wal"), recordsByFamily: byFamily,
            lexSarahOverdue: overdue, lastBackupAt: backup.flatMap(Timestamp.parse))
    }

    /// Notes a finished backup in the audit log (who, when, where to): the time `/metrics` reports.
    public func recordBackup(to destination: String) async throws {
        let now = nowText
        try await write { db in
            try AuditLog.append(db, at: now, actor: Self.backupActor, action: .backup, recordId: nil,
                                detail: destination)
        }
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

extension KvalitetDatabase {
    /// The newest migration applied to the database (what `/health` reports as its schema version): the
    /// highest `NNNN` of the identifiers (`NNNN_name`) in GRDB's `grdb_migrations`.
    public func appliedSchemaVersion() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(CAST(substr(identifier, 1, 4) AS INTEGER)) FROM grdb_migrations") ?? 0
        }
    }
}
