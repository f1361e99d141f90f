import Foundation
import GRDB
import KvalitetDomain

/// The organisation tree: units created or replaced by id, never removed while anything refers to them.
public struct UnitStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Creates or replaces the unit; returns true when it was created.
    @discardableResult
    public func put(_ unit: OrgUnit, by actor: Actor) async throws -> Bool {
        let ownProblems = unit.validate()
        let now = database.nowText
        return try await StorageErrors.translate {
            try await database.write { [database] db in
                var problems = ownProblems
                let tree = try database.unitTree(in: db)
                if let parentId = unit.parentId {
                    if tree.units[parentId] == nil {
                        problems.append(FieldProblem("/parentId", .unknownUnit(unitId: parentId)))
                    } else if tree.wouldCreateCycle(id: unit.id, parentId: parentId) {
                        throw DomainError.conflict(
                            rule: "\(parentId) is below \(unit.id); a unit cannot be placed under its own sub-unit")
                    }
                }
                if !problems.isEmpty { throw DomainError.invalid(problems) }
                let exists = tree.units[unit.id] != nil
                database.unitsChanged()
                let arguments: StatementArguments = [
                    unit.name, unit.level.rawValue, unit.parentId, unit.area,
                    unit.openedOn?.description, unit.closedOn?.description, now, unit.id,
                ]
                if exists {
                    try db.execute(
                        sql: """
                            UPDATE units SET name = ?, level = ?, parent_id = ?, area = ?, opened_on = ?, closed_on = \
                            ?, updated_at = ?
                            WHERE id = ?
                            """, arguments: arguments)
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO units (name, level, parent_id, area, opened_on, closed_on, updated_at, id, \
                            created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: arguments + [now])
                }
                try AuditLog.append(
                    db, at: now, actor: actor, action: .unitPut, recordId: nil,
                    detail: "unit \(unit.id) \(exists ? "replaced" : "created")")
                return !exists
            }
        }
    }

    /// Removes a unit that nothing refers to: no records, no sub-units, no tokens.
    public func delete(id: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.write { [database] db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE id = ?", arguments: [id]) == true else {
                throw DomainError.notFound("no unit \(id)")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM record_units WHERE unit_id = ? LIMIT 1", arguments: [id])
                == true
            {
                throw DomainError.conflict(
                    rule: "\(id) has records; a unit with records can be closed (closedOn) but not removed")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE parent_id = ? LIMIT 1", arguments: [id]) == true {
                throw DomainError.conflict(rule: "\(id) has sub-units; move or remove them first")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM token_units WHERE unit_id = ? LIMIT 1", arguments: [id])
                == true
            {
                throw DomainError.conflict(rule: "\(id) limits a token; revoke or re-create that token first")
            }
            database.unitsChanged()
            try db.execute(sql: "DELETE FROM units WHERE id = ?", arguments: [id])
            try AuditLog.append(
                db, at: now, actor: actor, action: .unitDelete, recordId: nil, detail: "unit \(id) removed")
        }
    }

    public func get(id: String) async throws -> OrgUnit? {
        try await tree().units[id]
    }

    public func tree() async throws -> OrgTree {
        try await database.pool.read { [database] db in try database.unitTree(in: db) }
    }

    /// The tree as `db` sees it, loaded afresh; prefer `database.unitTree(in:)`, which caches it.
    static func tree(_ db: Database) throws -> OrgTree {
        OrgTree(try Row.fetchAll(db, sql: "SELECT * FROM units").map(unit(from:)))
    }

    static func unit(from row: Row) -> OrgUnit {
        OrgUnit(
            id: row["id"], name: row["name"], level: UnitLevel(rawValue: row["level"]) ?? .verksamhet,
            parentId: row["parent_id"], area: row["area"],
            openedOn: (row["opened_on"] as String?).flatMap(LocalDate.init),
            closedOn: (row["closed_on"] as String?).flatMap(LocalDate.init))
    }
}
