import Foundation
import GRDB
import KvalitetDomain
import Logging

/// Rebuilding the report's running sums from the records (after an upgrade, a changed setting, or to
/// check them), and the database's start-up and `kvalitet check` entry points to it.
extension ReportCounts {
    /// True when every record's tallies are in the sums (false after upgrading a database with records).
    static func isBuilt(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT built FROM report_counts_state WHERE id = 1") == 1
    }

    /// Recomputes the sums of `metrics` from every record of the families that have them, in the
    /// caller's transaction: after an upgrade, or when the risk levels changed.
    /// `logger` (at start-up) gets a progress line every 100 000 records and one per family.
    static func rebuild(
        _ metrics: Set<ReportMetric>, settings: RecordSettings, in db: Database, logger: Logger? = nil
    ) throws {
        let start = ContinuousClock.now
        if metrics.count == ReportMetric.allCases.count {
            // Everything, including sums of metrics an older version kept.
            try db.execute(sql: "DELETE FROM report_counts")
            try db.execute(sql: "DELETE FROM report_totals")
        }
        for metric in metrics {
            try db.execute(sql: "DELETE FROM report_counts WHERE metric = ?", arguments: [metric.rawValue])
            try db.execute(sql: "DELETE FROM report_totals WHERE metric = ?", arguments: [metric.rawValue])
        }
        var total: [ReportTally: Int] = [:]
        func add<Kind: StoredKind>(_ kind: Kind.Type) throws {
            let bodies = try String.fetchCursor(
                db, sql: "SELECT body FROM records WHERE family = ?",
                arguments: [Kind.family.rawValue])
            var done = 0
            func progress(_ message: Logger.Message) {
                logger?.notice(
                    message,
                    metadata: [
                        "family": "\(Kind.family.rawValue)", "records": "\(done)",
                        "seconds": "\((ContinuousClock.now - start).components.seconds)",
                    ])
            }
            while let body = try bodies.next() {
                done += 1
                if done.isMultiple(of: 100_000) { progress("report sums: still rebuilding") }
                let record = try RecordCodec.decode(body, as: Kind.self)
                for (tally, amount) in Kind.reportTallies(
                    record,
                    settings: settings) where metrics.contains(tally.metric)
                {
                    total[tally, default: 0] += amount
                }
            }
            try apply(total, in: db)
            total.removeAll(keepingCapacity: true)
            progress("report sums: family rebuilt")
        }
        for family in RecordFamily.allCases { try add(family.storedKind) }
        // Removed records (gallring) keep their tallies in the sums: the figures of past years never change.
        let removed = try Row.fetchCursor(db, sql: "SELECT metric, day, units, key, n FROM gallrade_tallies")
        while let row = try removed.next() {
            guard let metric = ReportMetric(rawValue: row[0]), metrics.contains(metric), let day = LocalDate(row[1])
            else { continue }
            total[ReportTally(metric, on: day, units: row[2], key: TallyKey(stored: row[3], of: metric)), default: 0] +=
                row[4] as Int
        }
        try apply(total, in: db)
        if metrics.count == ReportMetric.allCases.count {
            try db.execute(sql: "UPDATE report_counts_state SET built = 1 WHERE id = 1")
        }
    }
}

extension KvalitetDatabase {
    /// Builds the report's sums from the records when they are missing (a database that had records
    /// before schema 6). Run at start-up before serving; a no-op on every later start.
    public func buildReportCountsIfNeeded(settings: RecordSettings, logger: Logger) throws {
        guard try !pool.read(ReportCounts.isBuilt) else { return }
        logger.notice("building the report's running sums from the records (once, after an upgrade)")
        try pool.write { db in
            try ReportCounts.rebuild(Set(ReportMetric.allCases), settings: settings, in: db, logger: logger)
        }
        logger.notice("report sums: built")
    }

    /// The report's sums recomputed from the records equal the stored ones: what `kvalitet check` verifies.
    public func reportCountsMatchRecords(settings: RecordSettings) throws -> Bool {
        do {
            try pool.write { db in
                let sql = """
                    SELECT 'counts', metric, grain, period, units, key, n FROM report_counts
                    UNION ALL SELECT 'totals', metric, grain, period, '', key, n FROM report_totals
                    ORDER BY 1, 2, 3, 4, 5, 6
                    """
                let stored = try Row.fetchAll(db, sql: sql)
                try ReportCounts.rebuild(Set(ReportMetric.allCases), settings: settings, in: db)
                let rebuilt = try Row.fetchAll(db, sql: sql)
                // Only a check: throwing rolls the rebuild back and leaves the database as it was.
                throw CheckResult(matches: stored == rebuilt)
            }
            return false
        } catch let result as CheckResult {
            return result.matches
        }
    }

    private struct CheckResult: Error { let matches: Bool }
}
