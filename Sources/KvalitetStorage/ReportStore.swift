import Foundation
import GRDB
import KvalitetDomain

/// The kvalitetsberättelse's figures: `GROUP BY`s over the families' indexed fact tables, all read
/// in one transaction so the figures agree with each other. Swift only folds the grouped rows
/// (units into areas, units into departments), never loops over records.
public struct ReportStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    public func kvalitetsberattelse(_ request: ReportRequest, by actor: Actor) async throws -> Kvalitetsberattelse {
        let now = database.now
        return try await database.pool.read { db in
            let tree = try UnitStore.tree(db)
            if let unitId = request.unitId, tree.units[unitId] == nil || !Visibility.unitInScope(unitId, actor: actor, tree: tree) {
                throw DomainError.notFound("no unit \(unitId)")
            }
            let scope = ReportScope(request: request, actor: actor, tree: tree)
            let asOf = min(SwedishTime.date(of: now), request.yearEnd)
            let sql = ReportSQL(db: db, scope: scope, request: request)
            return Kvalitetsberattelse(
                request: request, generatedAt: now, received: try sql.received(), lexSarah: try sql.lexSarah(asOf: asOf),
                analysis: try sql.analysis(), riskanalyser: try sql.riskanalyser(), egenkontroller: try sql.egenkontroller(),
                tillsyn: try sql.tillsyn(), handlingTimes: try sql.handlingTimes(), nyckeltal: try sql.nyckeltal())
        }
    }
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

    /// A condition on a single-unit fact table's `unit_id`, with its argument.
    func unitCondition(_ column: String = "f.unit_id") -> (String, StatementArguments) {
        guard let units else { return ("1", []) }
        return ("\(column) IN (SELECT value FROM json_each(?))", [Self.json(units)])
    }

    /// A condition for multi-unit families: any of the record's units is in scope.
    func recordUnitsCondition() -> (String, StatementArguments) {
        guard let units else { return ("1", []) }
        return ("EXISTS (SELECT 1 FROM record_units ru WHERE ru.record_id = f.record_id AND ru.unit_id IN (SELECT value FROM json_each(?)))",
                [Self.json(units)])
    }

    /// Units of `level` open at some time during `year`, within the scope.
    func openUnits(level: UnitLevel, request: ReportRequest) -> [OrgUnit] {
        tree.units.values.filter { unit in
            unit.level == level && (units?.contains(unit.id) ?? true)
                && (unit.openedOn.map { $0 <= request.yearEnd } ?? true) && (unit.closedOn.map { $0 >= request.yearStart } ?? true)
        }
    }

    static func json(_ units: Set<String>) -> String {
        "[" + units.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
