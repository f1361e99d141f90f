import Foundation
import GRDB
import KvalitetDomain

/// The retention rules: one current row per rule, every version kept in `gallringsregel_versions`,
/// each change audited as `gallring_rule_put` in its transaction.
public struct GallringsregelStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Creates the rule (version 1) or replaces it with a new version; returns the stored rule and
    /// whether it was created. Throws `.invalid` (bad values, unknown unit) or `.conflict` (another
    /// rule already covers the family and unit).
    public func put(_ rule: Gallringsregel, by actor: Actor) async throws -> (rule: Gallringsregel, created: Bool) {
        let ownProblems = rule.validate()
        let now = database.clock.now()
        return try await StorageErrors.translate {
            try await database.write { [database] db in
                var problems = ownProblems
                if let unitId = rule.unitId, try database.unitTree(in: db).units[unitId] == nil {
                    problems.append(FieldProblem("/unitId", .unknownUnit(unitId: String(unitId.prefix(64)))))
                }
                if !problems.isEmpty { throw DomainError.invalid(problems) }
                let current = try Self.rule(rule.id, in: db)
                if let other = try Self.all(in: db).first(where: {
                    $0.id != rule.id && $0.family == rule.family && $0.unitId == rule.unitId
                }) {
                    throw DomainError.conflict(
                        rule: "the rule \(other.id) already covers \(rule.family.rawValue) "
                            + (rule.unitId.map { "under \($0)" } ?? "without a unit") + "; change that rule instead",
                        problems: [FieldProblem("/family", .duplicate, detail: "already covered by \(other.id)")])
                }
                var stored = rule
                stored.version = (current?.version ?? 0) + 1
                stored.changedAt = now
                stored.changedBy = actor.tokenName
                try Self.write(stored, replacing: current != nil, in: db)
                try AuditLog.append(
                    db, at: Timestamp.format(now), actor: actor, action: .gallringRule, recordId: nil,
                    detail: "gallring rule \(stored.id) version \(stored.version): \(stored.family.rawValue) "
                        + "\(stored.unitId ?? "-") \(stored.years) years after \(stored.basis.rawValue), "
                        + "e-arkiv \(stored.earkivRequired ? "required" : "not required")")
                return (stored, current == nil)
            }
        }
    }

    /// Every current rule, by id.
    public func list() async throws -> [Gallringsregel] {
        try await database.pool.read { db in try Self.all(in: db) }
    }

    /// The rule's versions, oldest first; empty when there is no such rule.
    public func versions(of id: String) async throws -> [Gallringsregel] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM gallringsregel_versions WHERE id = ? ORDER BY version", arguments: [id]
            ).map(Self.rule(from:))
        }
    }

    static func all(in db: Database) throws -> [Gallringsregel] {
        try Row.fetchAll(db, sql: "SELECT * FROM gallringsregler ORDER BY id").map(rule(from:))
    }

    static func rule(_ id: String, in db: Database) throws -> Gallringsregel? {
        try Row.fetchOne(db, sql: "SELECT * FROM gallringsregler WHERE id = ?", arguments: [id]).map(rule(from:))
    }

    private static func write(_ rule: Gallringsregel, replacing: Bool, in db: Database) throws {
        let values: StatementArguments = [
            rule.version, rule.family.rawValue, rule.unitId, rule.years, rule.basis.rawValue, rule.decision,
            rule.earkivRequired, Timestamp.format(rule.changedAt), rule.changedBy, rule.id,
        ]
        try db.execute(
            sql: replacing
                ? """
                UPDATE gallringsregler SET version = ?, family = ?, unit_id = ?, years = ?, basis = ?, decision = ?,
                    earkiv_required = ?, changed_at = ?, changed_by = ? WHERE id = ?
                """
                : """
                INSERT INTO gallringsregler (version, family, unit_id, years, basis, decision, earkiv_required,
                    changed_at, changed_by, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: values)
        try db.execute(
            sql: """
                INSERT INTO gallringsregel_versions (version, family, unit_id, years, basis, decision,
                    earkiv_required, changed_at, changed_by, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: values)
    }

    static func rule(from row: Row) -> Gallringsregel {
        Gallringsregel(
            id: row["id"], version: row["version"],
            family: RecordFamily(rawValue: row["family"]) ?? .avvikelse, unitId: row["unit_id"],
            years: row["years"], basis: GallringBasis(rawValue: row["basis"]) ?? .closed, decision: row["decision"],
            earkivRequired: row["earkiv_required"], changedAt: Timestamp.parse(row["changed_at"]) ?? .distantPast,
            changedBy: row["changed_by"])
    }
}
