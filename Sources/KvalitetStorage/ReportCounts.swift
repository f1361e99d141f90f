import Foundation
import GRDB
import KvalitetDomain
import Logging

/// The report's running sums, per unit (`report_counts`) and for the whole organisation
/// (`report_totals`): changed in the transaction that writes a record, read by the report as sums
/// over whole years, months and days.
enum ReportCounts {
    /// Adds a record's change of tallies at the year, month and day they count on: per unit to
    /// `report_counts`, and for metrics with totals to the organisation's `report_totals`.
    static func apply(_ delta: [ReportTally: Int], in db: Database) throws {
        guard !delta.isEmpty else { return }
        try SumChanges(delta).write(in: db)
    }

    /// The two tables of sums: per unit (or a multi-unit record's units), and for the organisation.
    enum Table {
        case counts, totals

        /// A sum's row: its primary key's values, in the order of `columns`.
        func row(_ tally: ReportTally, _ grain: ReportGrain) -> [String] {
            let period = grain.period(of: tally.date)
            return self == .counts
                ? [tally.metric.rawValue, grain.rawValue, period, tally.units, tally.key.stored]
                : [tally.metric.rawValue, grain.rawValue, period, tally.key.stored]
        }

        /// The statements that change a sum, written once per table (every record write runs them).
        var sql: (add: String, subtract: String, remove: String) {
            self == .counts ? Self.countsSQL : Self.totalsSQL
        }

        private static let countsSQL = statements("report_counts", ["metric", "grain", "period", "units", "key"])
        private static let totalsSQL = statements("report_totals", ["metric", "grain", "period", "key"])

        private static func statements(
            _ table: String, _ columns: [String]
        ) -> (add: String, subtract: String, remove: String) {
            let matches = columns.map { "\($0) = ?" }.joined(separator: " AND ")
            let list = columns.joined(separator: ", ")
            return (
                "INSERT INTO \(table) (\(list), n) VALUES (" + columns.map { _ in "?" }.joined(separator: ", ")
                    + ", ?) ON CONFLICT (\(list)) DO UPDATE SET n = n + excluded.n",
                "UPDATE \(table) SET n = n - ? WHERE \(matches) AND n > ?",
                "DELETE FROM \(table) WHERE \(matches) AND n = ?"
            )
        }
    }

    /// How `sums` adds a metric's rows up over a range.
    enum Grouping {
        /// Per units and key, from the units' sums.
        case unitsAndKeys
        /// Per key, for the whole organisation, from its totals (the metric must have them); units are "".
        case keys
        /// Per units, every key together, added up by SQLite; keys are "".
        case units
    }

    /// Sums of `metric` over `range` grouped `by` units and key, key or units (empty when nothing counted).
    static func sums(
        _ metric: ReportMetric, over range: ReportRange, by grouping: Grouping = .unitsAndKeys,
        in db: Database
    ) throws -> [(units: String, key: TallyKey, n: Int)] {
        guard !range.pieces.isEmpty else { return [] }
        if let missing = range.pieces.first(where: { !metric.grains.contains($0.grain) }) {
            throw DomainError.conflict(rule: "the report's \(metric.rawValue) sums are not kept by \(missing.grain)")
        }
        precondition(grouping != .keys || metric.hasTotals, "\(metric.rawValue) has no organisation totals")
        let select =
            grouping == .keys
            ? "SELECT '' AS units, key, n FROM report_totals WHERE metric = ? AND grain = ? AND period BETWEEN ? AND ?"
            : "SELECT units, key, n FROM report_counts WHERE metric = ? AND grain = ? AND period BETWEEN ? AND ?"
        let (columns, groups) =
            switch grouping {
            case .unitsAndKeys: ("units, key", "units, key")
            case .keys: ("'', key", "key")
            case .units: ("units, ''", "units")
            }
        let sql =
            "SELECT \(columns), SUM(n) FROM ("
            + Array(
                repeating: select,
                count: range.pieces.count
            ).joined(separator: " UNION ALL ")
            + ") GROUP BY \(groups)"
        var arguments: StatementArguments = []
        for piece in range.pieces { arguments += [metric.rawValue, piece.grain.rawValue, piece.from, piece.to] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var sums: [(units: String, key: TallyKey, n: Int)] = []
        while let row = try rows.next() { sums.append((row[0], TallyKey(stored: row[1], of: metric), row[2])) }
        return sums
    }

    /// Sums of `metric` per year for `years`, by units and key, or with `organisation` by key from
    /// the organisation's totals (the metric must have them; units are "").
    static func yearly(
        _ metric: ReportMetric, years: ClosedRange<Int>, organisation: Bool = false,
        in db: Database
    ) throws -> [(year: Int, units: String, key: TallyKey, n: Int)] {
        precondition(!organisation || metric.hasTotals, "\(metric.rawValue) has no organisation totals")
        let sql =
            organisation
            ? "SELECT period, '', key, n FROM report_totals WHERE metric = ? AND grain = 'y' AND period BETWEEN ? AND ?"
            : "SELECT period, units, key, n FROM report_counts WHERE metric = ? AND grain = 'y' AND period BETWEEN ? "
                + "AND ?"
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: sql),
            arguments: [
                metric.rawValue, ReportGrain.year.period(of: LocalDate(year: years.lowerBound, month: 1, day: 1)!),
                ReportGrain.year.period(of: LocalDate(year: years.upperBound, month: 1, day: 1)!),
            ])
        var sums: [(year: Int, units: String, key: TallyKey, n: Int)] = []
        while let row = try rows.next() {
            sums.append((Int(row[0] as String) ?? 0, row[1], TallyKey(stored: row[2], of: metric), row[3]))
        }
        return sums
    }

    /// The organisation's sums of `metric` in `year` whose two-part keys start with `first`, and how
    /// many there are: one primary-key range.
    static func totalRows(
        _ metric: ReportMetric, year: Int, first: String, in db: Database
    ) throws -> (
        rows: Int,
        n: Int
    ) {
        precondition(metric.keyParts == 2, "\(metric.rawValue) has no two-part keys")
        let prefix = first + TallyKey.separator
        // "}" is the byte after "|": the range holds exactly the keys starting with the prefix.
        let end = first + "}"
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT COUNT(*), IFNULL(SUM(n), 0) FROM report_totals WHERE metric = ? AND grain = 'y' AND period \
                    = ? AND key >= ? AND key < ?
                    """), arguments: [metric.rawValue, String(year), prefix, end])
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    // MARK: Rebuilding from the records
}

/// How a tally key is kept in `report_counts.key`: its parts joined by "|" (only the last part,
/// a free-text case number, may itself hold "|"), "" without parts.
extension TallyKey {
    static let separator = "|"

    var stored: String { parts.joined(separator: Self.separator) }

    init(stored: String, of metric: ReportMetric) {
        switch metric.keyParts {
        case 0: self = .none
        case 1: self.init(stored)
        default:
            self.init(
                parts: stored.split(
                    separator: "|", maxSplits: metric.keyParts - 1,
                    omittingEmptySubsequences: false
                ).map(String.init))
        }
    }
}
