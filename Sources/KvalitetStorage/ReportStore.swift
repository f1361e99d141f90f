import Foundation
import GRDB
import KvalitetDomain

/// The kvalitetsberättelse's figures, added up from the running sums (`ReportSQL`), all read in one
/// transaction so the figures agree with each other. Swift only folds the summed rows (units into
/// areas, units into departments), never loops over records.
public struct ReportStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    public func kvalitetsberattelse(_ request: ReportRequest, by actor: Actor) async throws -> Kvalitetsberattelse {
        try await generate(request, by: actor).report
    }

    /// The report with the data generation and the organisation tree it was computed at, all read in
    /// the same transaction.
    public func generate(_ request: ReportRequest, by actor: Actor) async throws -> GeneratedReport {
        let now = database.now
        return try await database.pool.read { db in
            // Loaded in this transaction, never from the cache: the cached tree may be of a later (or,
            // for units written by another process, an earlier) moment than the sums read below.
            let tree = try UnitStore.tree(db)
            if let unitId = request.unitId,
               tree.units[unitId] == nil || !Visibility.unitInScope(unitId, actor: actor, tree: tree) {
                throw DomainError.notFound("no unit \(unitId)")
            }
            let scope = ReportScope(request: request, actor: actor, tree: tree)
            let asOf = min(SwedishTime.date(of: now), request.yearEnd)
            let sql = ReportSQL(db: db, scope: scope, request: request)
            let report = Kvalitetsberattelse(
                request: request, generatedAt: now, received: try sql.received(),
                lexSarah: try sql.lexSarah(asOf: asOf), analysis: try sql.analysis(),
                riskanalyser: try sql.riskanalyser(), egenkontroller: try sql.egenkontroller(),
                tillsyn: try sql.tillsyn(), handlingTimes: try sql.handlingTimes(), nyckeltal: try sql.nyckeltal())
            return GeneratedReport(report: report, generation: try Self.generation(db), units: tree)
        }
    }

    /// A number that grows with every committed change to what any report shows (records, units,
    /// key figures, Kolada values): equal numbers mean an unchanged report for the same request and day.
    public func generation() async throws -> Int64 {
        try await database.lookup(Self.generation)
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT n FROM data_generation WHERE id = 1")) ?? 0
    }
}

/// A computed report and the data generation it reflects.
public struct GeneratedReport: Sendable {
    public let report: Kvalitetsberattelse
    public let generation: Int64
    /// The organisation tree the figures were grouped by (unit names for the HTML page).
    public let units: OrgTree
}

/// Which units count: the requested subtree, within the actor's subtrees.
struct ReportScope {
    let tree: OrgTree
    /// nil: every unit.
    let units: Set<String>?

    init(request: ReportRequest, actor: Actor, tree: OrgTree) {
        self.tree = tree
        var units: Set<String>? = request.unitId.map { tree.subtree(of: $0) }
        if let roots = actor.unitScope {
            let allowed = roots.reduce(into: Set<String>()) { $0.formUnion(tree.subtree(of: $1)) }
            units = units.map { $0.intersection(allowed) } ?? allowed
        }
        self.units = units
    }

    /// Whether a sum filed under `units` (a unit id, or a record's units joined by ",") is in scope:
    /// a multi-unit record counts when any of its units is.
    func includes(_ units: String) -> Bool {
        guard let scoped = self.units else { return true }
        if scoped.contains(units) { return true }
        return units.contains(",") && units.split(separator: ",").contains { scoped.contains(String($0)) }
    }

    /// A JSON array of unit ids, for `json_each(?)`.
    static func json(_ units: Set<String>) -> String {
        "[" + units.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// Units of `level` open at some time during `year`, within the scope.
    func openUnits(level: UnitLevel, request: ReportRequest) -> [OrgUnit] {
        tree.units.values.filter { unit in
            unit.level == level && (units?.contains(unit.id) ?? true)
                && (unit.openedOn.map { $0 <= request.yearEnd } ?? true)
                && (unit.closedOn.map { $0 >= request.yearStart } ?? true)
        }
    }

}
