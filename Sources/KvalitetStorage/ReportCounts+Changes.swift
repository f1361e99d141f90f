import Foundation
import GRDB
import KvalitetDomain

/// Changing the report's running sums: a change of tallies added up per row, then one statement per
/// row, in the transaction that writes the records.
extension ReportCounts {
    /// A change of tallies added up per row of both tables, ready to write: computed without the
    /// database, so the bulk load adds up a batch's sums off the writer.
    struct SumChanges: Sendable {
        let counts: [SumChange], totals: [SumChange]

        init(_ delta: [ReportTally: Int]) {
            counts = ReportCounts.rows(delta, of: .counts)
            totals = ReportCounts.rows(ReportTally.totals(of: delta), of: .totals)
        }

        func write(in db: Database) throws {
            try ReportCounts.write(counts, to: .counts, in: db)
            try ReportCounts.write(totals, to: .totals, in: db)
        }
    }

    /// One row's change: its key, the amount (never 0), and for an addition the upsert's arguments.
    struct SumChange: Sendable {
        let key: [String]
        let amount: Int
        let addition: StatementArguments?
    }

    /// `delta` added up per row of the table (a year's row gets every tally of that year at once),
    /// with an addition's arguments made here too.
    fileprivate static func rows(_ delta: [ReportTally: Int], of table: Table) -> [SumChange] {
        var rows: [[String]: Int] = [:]
        for (tally, amount) in delta where amount != 0 {
            for grain in tally.metric.grains { rows[table.row(tally, grain), default: 0] += amount }
        }
        return rows.compactMap { key, amount in
            amount == 0
                ? nil : SumChange(key: key, amount: amount, addition: amount > 0 ? arguments(key, then: amount) : nil)
        }
    }

    /// Adds rows added up by `rows(_:of:)` to the table, one statement per row. A positive change is
    /// one upsert (a new row with every CHECK of the table, an existing one added to); a negative one
    /// subtracts, and removes a row that would reach zero. The arguments go through GRDB's existential
    /// initializer: its generic `StatementArguments(_:)` over a `[String]` cost as much as the statement
    /// it fed (callgrind, a bulk load's sums: 16 700 instructions per row), and a new row was an UPDATE
    /// that found nothing and then an INSERT (two statements, now one).
    fileprivate static func write(_ rows: [SumChange], to table: Table, in db: Database) throws {
        guard !rows.isEmpty else { return }
        let sql = table.sql
        let add = try db.cachedStatement(sql: sql.add)
        let subtract = try db.cachedStatement(sql: sql.subtract)
        let remove = try db.cachedStatement(sql: sql.remove)
        for change in rows {
            let (row, amount) = (change.key, change.amount)
            if let addition = change.addition {
                try add.execute(arguments: addition)
                continue
            }
            // A sum never goes below zero: a row that would reach zero is removed.
            try subtract.execute(arguments: arguments(row, first: -amount, then: -amount))
            if db.changesCount == 0 {
                try remove.execute(arguments: arguments(row, then: -amount))
                guard db.changesCount == 1 else {
                    throw DomainError.conflict(
                        rule: "the report's sums are out of step with the records (\(row[0])); run kvalitet check")
                }
            }
        }
    }

    /// `first` (if any), the row's key values, then `then`: a statement's arguments in their order.
    private static func arguments(_ key: [String], first: Int? = nil, then last: Int) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(key.count + 2)
        if let first { values.append(first) }
        for part in key { values.append(part) }
        values.append(last)
        return StatementArguments(values)
    }
}

/// Tally changes gathered over the records of one bulk batch and added to the sums once, by the
/// writer, before the batch commits: the demo loader changes the same few thousand month, unit and
/// code sums over and over within a batch of thousands of records.
final class PendingTallies {
    private var delta: [ReportTally: Int] = [:]

    func add(_ change: [ReportTally: Int]) {
        for (tally, amount) in change { delta[tally, default: 0] += amount }
    }

    /// The tallies added so far, added up per row to write later, and none kept.
    func take() -> ReportCounts.SumChanges {
        defer { delta.removeAll(keepingCapacity: true) }
        return ReportCounts.SumChanges(delta.filter { $0.value != 0 })
    }
}
