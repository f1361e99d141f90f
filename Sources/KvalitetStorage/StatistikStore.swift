import GRDB
import KvalitetDomain

/// The dashboards' series (`GET /api/v1/statistik`), added up from the kvalitetsberättelse's running
/// sums (`report_counts` per unit, `report_totals` for the organisation) in one read transaction:
/// the work is bounded by periods × units × codes, never by the number of records.
public struct StatistikStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// The request's series within the actor's units. Throws `notFound` for a unit that does not
    /// exist or lies outside the actor's units (the two are indistinguishable).
    public func series(_ request: StatistikRequest, by actor: Actor) async throws -> Statistik {
        try await database.pool.read { db in
            let tree = try UnitStore.tree(db)
            if let unitId = request.unitId,
                tree.units[unitId] == nil || !Visibility.unitInScope(unitId, actor: actor, tree: tree)
            {
                throw DomainError.notFound("no unit \(unitId)")
            }
            let scope = ReportScope(unitId: request.unitId, actor: actor, tree: tree)
            let parts = request.byUnit ? Self.parts(of: request.unitId, actor: actor, scope: scope) : []
            var series: [Statistik.Series] = []
            for metric in request.metrics {
                let organisation = scope.units == nil && parts.isEmpty && metric.sums.hasTotals
                let rows = try StatistikSQL.sums(
                    metric.sums, periods: request.periods, organisation: organisation, in: db)
                func values(_ included: (String) -> Bool) -> [Int] {
                    rows.reduce(into: Array(repeating: 0, count: request.periods.count)) { values, row in
                        if included(row.units) { values[row.period] += row.n }
                    }
                }
                let total = values { organisation || scope.includes($0) }
                let unit = request.unitId.flatMap { tree.units[$0] }
                series.append(.init(metric: metric, unitId: unit?.id, unitName: unit?.name, values: total))
                for part in parts {
                    let below = tree.subtree(of: part.id).intersection(scope.units ?? Set(tree.units.keys))
                    let counted = values { $0.split(separator: ",").contains { below.contains(String($0)) } }
                    series.append(.init(metric: metric, unitId: part.id, unitName: part.name, values: counted))
                }
            }
            return Statistik(request: request, series: series)
        }
    }

    /// The units a breakdown shows: the sub-units of `unitId`; without one, the actor's own top
    /// units (or the organisation's top units), ordered by name.
    static func parts(of unitId: String?, actor: Actor, scope: ReportScope) -> [OrgUnit] {
        let units = scope.tree.units.values
        let parts: [OrgUnit]
        if let unitId {
            parts = units.filter { $0.parentId == unitId }
        } else if let roots = actor.unitScope {
            parts = roots.compactMap { scope.tree.units[$0] }
        } else {
            parts = units.filter { $0.parentId == nil }
        }
        return parts.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}

extension ReportScope {
    /// The subtree of `unitId` (nil: every unit) within the actor's subtrees.
    init(unitId: String?, actor: Actor, tree: OrgTree) {
        let request = ReportRequest(year: ReportRequest.years.lowerBound, unitId: unitId)
        self.init(request: request, actor: actor, tree: tree)
    }
}

/// The statistics' one query per metric: each period is a few primary-key ranges of running sums
/// (whole years, whole months, single days, as `ReportRange` cuts it), tagged with the period's index.
enum StatistikSQL {
    /// SQLite joins at most 500 SELECTs in one compound statement; a statement here holds fewer.
    static let selectsPerStatement = 200

    /// Sums of `metric` per period index and units ("" with `organisation`: from the totals).
    static func sums(
        _ metric: ReportMetric, periods: [StatistikPeriod], organisation: Bool, in db: Database
    ) throws -> [(period: Int, units: String, n: Int)] {
        var pieces: [(period: Int, piece: ReportRange.Piece)] = []
        for (index, period) in periods.enumerated() {
            for piece in ReportRange(from: period.from, to: period.to).pieces {
                guard metric.grains.contains(piece.grain) else {
                    throw DomainError.conflict(rule: "the \(metric.rawValue) sums are not kept by \(piece.grain)")
                }
                pieces.append((index, piece))
            }
        }
        let from = organisation ? "'' AS units, n FROM report_totals" : "units, n FROM report_counts"
        let select =
            "SELECT ? AS p, \(from)"
            + " WHERE metric = ? AND grain = ? AND period BETWEEN ? AND ?"
        var sums: [(period: Int, units: String, n: Int)] = []
        var start = 0
        while start < pieces.count {
            let chunk = pieces[start..<min(start + selectsPerStatement, pieces.count)]
            start += chunk.count
            let sql =
                "SELECT p, units, SUM(n) FROM ("
                + Array(repeating: select, count: chunk.count).joined(separator: " UNION ALL ")
                + ") GROUP BY p, units"
            var arguments: StatementArguments = []
            for (index, piece) in chunk {
                arguments += [index, metric.rawValue, piece.grain.rawValue, piece.from, piece.to]
            }
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() { sums.append((row[0], row[1], row[2])) }
        }
        return sums
    }
}
