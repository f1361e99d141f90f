import Foundation
import GRDB
import KvalitetDomain
import Logging

/// The report's running sums (`report_counts`): changed in the transaction that writes a record,
/// read by the report as sums over whole years, months and days.
enum ReportCounts {
    /// Adds a record's change of tallies at the year, month and day they count on.
    static func apply(_ delta: [ReportTally: Int], in db: Database) throws {
        guard !delta.isEmpty else { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO report_counts (metric, grain, period, units, key, n) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (metric, grain, period, units, key) DO UPDATE SET n = n + excluded.n
            """)
        let subtract = try db.cachedStatement(sql: """
            UPDATE report_counts SET n = n - ? WHERE metric = ? AND grain = ? AND period = ? AND units = ? AND key = ? AND n > ?
            """)
        let remove = try db.cachedStatement(sql: """
            DELETE FROM report_counts WHERE metric = ? AND grain = ? AND period = ? AND units = ? AND key = ? AND n = ?
            """)
        for (tally, amount) in delta {
            for grain in tally.metric.grains {
                let period = grain.period(of: tally.date)
                let where_: StatementArguments = [tally.metric.rawValue, grain.rawValue, period, tally.units, tally.key]
                if amount > 0 {
                    try upsert.execute(arguments: where_ + [amount])
                    continue
                }
                // A sum never goes below zero: a row that would reach zero is removed.
                try subtract.execute(arguments: [-amount] + where_ + [-amount])
                if db.changesCount == 0 {
                    try remove.execute(arguments: where_ + [-amount])
                    guard db.changesCount == 1 else {
                        throw DomainError.conflict(rule: "the report's sums are out of step with the records (\(tally.metric.rawValue)); run kvalitet check")
                    }
                }
            }
        }
    }

    /// Sums of `metric` over `range`, by units and key (empty when nothing counted). With
    /// `keysOnly` SQLite adds up all units' sums per key itself and `units` is "".
    static func sums(_ metric: ReportMetric, over range: ReportRange, keysOnly: Bool = false,
                     in db: Database) throws -> [(units: String, key: String, n: Int)] {
        guard !range.pieces.isEmpty else { return [] }
        if let missing = range.pieces.first(where: { !metric.grains.contains($0.grain) }) {
            throw DomainError.conflict(rule: "the report's \(metric.rawValue) sums are not kept by \(missing.grain)")
        }
        let select = "SELECT units, key, n FROM report_counts WHERE metric = ? AND grain = ? AND period BETWEEN ? AND ?"
        let sql = (keysOnly ? "SELECT '', key, SUM(n) FROM (" : "SELECT units, key, SUM(n) FROM (")
            + Array(repeating: select, count: range.pieces.count).joined(separator: " UNION ALL ")
            + (keysOnly ? ") GROUP BY key" : ") GROUP BY units, key")
        var arguments: StatementArguments = []
        for piece in range.pieces { arguments += [metric.rawValue, piece.grain.rawValue, piece.from, piece.to] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var sums: [(units: String, key: String, n: Int)] = []
        while let row = try rows.next() { sums.append((row[0], row[1], row[2])) }
        return sums
    }

    /// Sums of `metric` per year for `years`, by units (or, with `keysOnly`, all units together) and key.
    static func yearly(_ metric: ReportMetric, years: ClosedRange<Int>, keysOnly: Bool = false,
                       in db: Database) throws -> [(year: Int, units: String, key: String, n: Int)] {
        let sql = keysOnly
            ? "SELECT period, '', key, SUM(n) FROM report_counts WHERE metric = ? AND grain = 'y' AND period BETWEEN ? AND ? GROUP BY period, key"
            : "SELECT period, units, key, n FROM report_counts WHERE metric = ? AND grain = 'y' AND period BETWEEN ? AND ?"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [
            metric.rawValue, ReportGrain.year.period(of: LocalDate(year: years.lowerBound, month: 1, day: 1)!),
            ReportGrain.year.period(of: LocalDate(year: years.upperBound, month: 1, day: 1)!)])
        var sums: [(year: Int, units: String, key: String, n: Int)] = []
        while let row = try rows.next() { sums.append((Int(row[0] as String) ?? 0, row[1], row[2], row[3])) }
        return sums
    }

    // MARK: Rebuilding from the records

    /// True when every record's tallies are in the sums (false after upgrading a database with records).
    static func isBuilt(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT built FROM report_counts_state WHERE id = 1") == 1
    }

    /// Recomputes the sums of `metrics` from every record of the families that have them, in the
    /// caller's transaction: after an upgrade, or when the risk levels changed.
    static func rebuild(_ metrics: Set<ReportMetric>, settings: RecordSettings, in db: Database) throws {
        for metric in metrics {
            try db.execute(sql: "DELETE FROM report_counts WHERE metric = ?", arguments: [metric.rawValue])
        }
        var total: [ReportTally: Int] = [:]
        func add<Kind: StoredKind>(_ kind: Kind.Type) throws {
            let bodies = try String.fetchCursor(db, sql: "SELECT body FROM records WHERE family = ?", arguments: [Kind.family.rawValue])
            while let body = try bodies.next() {
                let record = try RecordCodec.decode(body, as: Kind.self)
                for (tally, amount) in Kind.reportTallies(record, settings: settings) where metrics.contains(tally.metric) {
                    total[tally, default: 0] += amount
                }
            }
            try apply(total, in: db)
            total.removeAll(keepingCapacity: true)
        }
        try add(Avvikelse.self)
        try add(Klagomal.self)
        try add(LexSarah.self)
        try add(Riskanalys.self)
        try add(Egenkontroll.self)
        try add(Tillsynsbeslut.self)
        if metrics.count == ReportMetric.allCases.count {
            try db.execute(sql: "UPDATE report_counts_state SET built = 1 WHERE id = 1")
        }
    }
}

extension KvalitetDatabase {
    /// Builds the report's sums from the records when they are missing (a database that had records
    /// before schema 4). Run at start-up before serving; a no-op on every later start.
    public func buildReportCountsIfNeeded(settings: RecordSettings, logger: Logger) throws {
        guard try !pool.read(ReportCounts.isBuilt) else { return }
        logger.notice("building the report's running sums from the records (once, after an upgrade)")
        try pool.write { db in try ReportCounts.rebuild(Set(ReportMetric.allCases), settings: settings, in: db) }
    }

    /// The report's sums recomputed from the records equal the stored ones: what `kvalitet check` verifies.
    public func reportCountsMatchRecords(settings: RecordSettings) throws -> Bool {
        do {
            try pool.write { db in
                let stored = try Row.fetchAll(db, sql: "SELECT * FROM report_counts ORDER BY metric, grain, period, units, key")
                try ReportCounts.rebuild(Set(ReportMetric.allCases), settings: settings, in: db)
                let rebuilt = try Row.fetchAll(db, sql: "SELECT * FROM report_counts ORDER BY metric, grain, period, units, key")
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
