import Foundation
import GRDB
import KvalitetDomain

/// An analysis without its text, for listing which periods have one.
public struct AnalysisSummary: Sendable, Equatable {
    public let period: NyckeltalPeriod
    public let version: Int
    public let changedAt: Date
    public let changedBy: String
}

extension NyckeltalStore {
    static func analysisRecordId(_ code: String, _ period: NyckeltalPeriod) -> String {
        "nyckeltal/\(code)/analyses/\(period)"
    }

    /// Writes a new version of the period's analysis; replacing one needs `ifMatch`. Every version is kept.
    public func putAnalysis(
        code: String, period: NyckeltalPeriod, analysis: NyckeltalAnalysis, ifMatch: Int?,
        by actor: Actor
    ) async throws -> (analysis: StoredAnalysis, created: Bool) {
        let now = database.now
        return try await StorageErrors.translate {
            try await database.write { db in
                _ = try Self.fetchWritable(code, in: db)
                let current = try Self.analysisVersions(code: code, period: period, latestOnly: true, in: db).last
                if let current {
                    guard let ifMatch else { throw DomainError.versionRequired(current: current.version) }
                    if ifMatch != current.version { throw DomainError.staleVersion(current: current.version) }
                } else if ifMatch != nil {
                    throw DomainError.notFound("no analysis of \(code) for \(period) to replace")
                }
                let stored = StoredAnalysis(
                    code: code, period: period, analysis: analysis, version: (current?.version ?? 0) + 1,
                    changedAt: now, changedBy: actor.tokenName, requestId: actor.requestId)
                let at = Timestamp.format(now)
                try db.execute(
                    sql: """
                        INSERT INTO nyckeltal_analysis_versions (code, period, first_month, version, current_state, \
                        factors, measures,
                            consequences, changed_at, changed_by, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        code, period.description, period.firstMonth, stored.version, analysis.currentState,
                        analysis.factors, analysis.measures, analysis.consequences, at, actor.tokenName,
                        actor.requestId,
                    ])
                try AuditLog.append(
                    db, at: at, actor: actor, action: current == nil ? .create : .update,
                    recordId: Self.analysisRecordId(code, period), detail: "analysis version \(stored.version)")
                return (stored, current == nil)
            }
        }
    }

    /// The current version; the read is audited like a record's details (the text may name people).
    public func analysis(code: String, period: NyckeltalPeriod, by actor: Actor) async throws -> StoredAnalysis {
        let now = database.nowText
        let current = try await database.pool.read { db -> StoredAnalysis? in
            guard try Self.fetch(code, in: db) != nil else { return nil }
            return try Self.analysisVersions(code: code, period: period, latestOnly: true, in: db).last
        }
        guard let current else { throw DomainError.notFound("no analysis of \(code.prefix(32)) for \(period)") }
        try await AuditLog.append(
            to: database, at: now, actor: actor, action: .read, recordIds: [Self.analysisRecordId(code, period)])
        return current
    }

    /// Every version, oldest first; audited like a record's history.
    public func analysisHistory(code: String, period: NyckeltalPeriod, by actor: Actor) async throws -> [StoredAnalysis]
    {
        let now = database.nowText
        let versions = try await database.pool.read { db -> [StoredAnalysis] in
            guard try Self.fetch(code, in: db) != nil else { return [] }
            return try Self.analysisVersions(code: code, period: period, latestOnly: false, in: db)
        }
        guard !versions.isEmpty else { throw DomainError.notFound("no analysis of \(code.prefix(32)) for \(period)") }
        try await AuditLog.append(
            to: database, at: now, actor: actor, action: .history, recordIds: [Self.analysisRecordId(code, period)])
        return versions
    }

    /// Which periods have an analysis, without the text (so listing is not a detail read).
    public func analyses(code: String) async throws -> [AnalysisSummary] {
        try await database.pool.read { db in
            guard try Self.fetch(code, in: db) != nil else { throw Self.notFound(code) }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT period, MAX(version) AS version, MAX(changed_at) AS changed_at, first_month FROM \
                    nyckeltal_analysis_versions
                    WHERE code = ? GROUP BY period ORDER BY first_month, period
                    """, arguments: [code]
            ).compactMap { row in
                guard let period = NyckeltalPeriod(row["period"]) else { return nil }
                let by =
                    try String.fetchOne(
                        db,
                        sql: """
                            SELECT changed_by FROM nyckeltal_analysis_versions WHERE code = ? AND period = ? AND \
                            version = ?
                            """, arguments: [code, period.description, row["version"] as Int]) ?? ""
                return AnalysisSummary(
                    period: period, version: row["version"],
                    changedAt: Timestamp.parse(row["changed_at"]) ?? Date(timeIntervalSince1970: 0), changedBy: by)
            }.sorted { $0.period < $1.period }
        }
    }

    static func analysisVersions(
        code: String, period: NyckeltalPeriod, latestOnly: Bool, in db: Database
    ) throws -> [StoredAnalysis] {
        let sql =
            "SELECT * FROM nyckeltal_analysis_versions WHERE code = ? AND period = ? ORDER BY version"
            + (latestOnly ? " DESC LIMIT 1" : "")
        return try Row.fetchAll(db, sql: sql, arguments: [code, period.description]).map { row in
            StoredAnalysis(
                code: code, period: period,
                analysis: NyckeltalAnalysis(
                    currentState: row["current_state"], factors: row["factors"],
                    measures: row["measures"], consequences: row["consequences"]),
                version: row["version"],
                changedAt: Timestamp.parse(row["changed_at"]) ?? Date(timeIntervalSince1970: 0),
                changedBy: row["changed_by"], requestId: row["request_id"])
        }
    }
}
