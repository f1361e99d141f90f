import Foundation
import GRDB
import KvalitetDomain

/// Which values of a key figure to list: periods overlapping `fromMonth…toMonth`, a unit's subtree.
public struct NyckeltalValueQuery: Sendable {
    public var from: NyckeltalPeriod?
    public var to: NyckeltalPeriod?
    /// A unit and its sub-units; nil lists every value the actor may see.
    public var unitId: String?

    public init(from: NyckeltalPeriod? = nil, to: NyckeltalPeriod? = nil, unitId: String? = nil) {
        self.from = from
        self.to = to
        self.unitId = unitId
    }
}

extension NyckeltalStore {
    /// Stores one value; replacing an existing one (same key figure, unit and period) needs `ifMatch`.
    /// A unit must exist and lie in the actor's units; a value for the whole organisation (no unit)
    /// needs a token that is not limited to units.
    public func putValue(
        code: String, period: NyckeltalPeriod, unitId: String?, value: FixedDecimal, ifMatch: Int?,
        by actor: Actor
    ) async throws -> (value: NyckeltalValue, created: Bool) {
        let now = database.now
        return try await StorageErrors.translate {
            try await database.write { [database] db in
                _ = try Self.fetchWritable(code, in: db)
                if let unitId {
                    let tree = try database.unitTree(in: db)
                    if tree.units[unitId] == nil || !Visibility.unitInScope(unitId, actor: actor, tree: tree) {
                        throw DomainError.invalid([FieldProblem("/unitId", .unknownUnit(unitId: unitId))])
                    }
                } else {
                    try Permission.checkOrganisationWide(actor)
                }
                let current = try Self.fetchValue(code: code, period: period, unitId: unitId, in: db)
                if let current {
                    guard let ifMatch else { throw DomainError.versionRequired(current: current.version) }
                    if ifMatch != current.version { throw DomainError.staleVersion(current: current.version) }
                } else if ifMatch != nil {
                    throw DomainError.notFound(
                        "no value of \(code) for \(period) "
                            + "\(unitId.map { "at \($0)" } ?? "for the whole organisation") to replace"
                    )
                }
                let stored = NyckeltalValue(
                    code: code, period: period, unitId: unitId, value: value,
                    version: (current?.version ?? 0) + 1, updatedAt: now, updatedBy: actor.tokenName)
                let at = Timestamp.format(now)
                if current == nil {
                    try db.execute(
                        sql: """
                            INSERT INTO nyckeltal_values (code, unit_id, period, first_month, last_month, hundredths, \
                            version, updated_at, updated_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            code, unitId, period.description, period.firstMonth, period.lastMonth, value.hundredths,
                            stored.version, at, actor.tokenName,
                        ])
                } else {
                    try db.execute(
                        sql: """
                            UPDATE nyckeltal_values SET hundredths = ?, version = ?, updated_at = ?, updated_by = ?
                            WHERE code = ? AND ifnull(unit_id, '') = ? AND period = ?
                            """,
                        arguments: [
                            value.hundredths, stored.version, at, actor.tokenName, code, unitId ?? "",
                            period.description,
                        ])
                }
                // The old value goes into the audit entry: a value's only history, and no personal data.
                let change = current.map { "\($0.value) → \(value)" } ?? "\(value)"
                try AuditLog.append(
                    db, at: at, actor: actor, action: .valuePut, recordId: Self.recordId(code),
                    detail: "value \(period) \(unitId ?? "(whole organisation)"): \(change)")
                return (stored, current == nil)
            }
        }
    }

    /// The values the actor may see, oldest period first: whole-organisation values and those of
    /// units in the actor's subtrees; with `unitId`, only that unit's subtree.
    public func values(code: String, query: NyckeltalValueQuery, by actor: Actor) async throws -> [NyckeltalValue] {
        try await database.pool.read { [database] db in
            guard try Self.fetch(code, in: db) != nil else { throw Self.notFound(code) }
            let tree = try database.unitTree(in: db)
            var conditions = ["code = ?"]
            var arguments: StatementArguments = [code]
            if let from = query.from { conditions.append("last_month >= ?"); arguments += [from.firstMonth] }
            if let to = query.to { conditions.append("first_month <= ?"); arguments += [to.lastMonth] }
            if let unitId = query.unitId {
                let units = tree.subtree(of: unitId).filter { Visibility.unitInScope($0, actor: actor, tree: tree) }
                conditions.append("unit_id IN (SELECT value FROM json_each(?))")
                arguments += [ReportScope.json(units)]
            } else if let roots = actor.unitScope {
                let units = roots.reduce(into: Set<String>()) { $0.formUnion(tree.subtree(of: $1)) }
                conditions.append("(unit_id IS NULL OR unit_id IN (SELECT value FROM json_each(?)))")
                arguments += [ReportScope.json(units)]
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM nyckeltal_values WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY first_month, last_month DESC, ifnull(unit_id, '')
                    """, arguments: arguments
            ).compactMap(Self.value(from:))
        }
    }

    static func fetchValue(
        code: String, period: NyckeltalPeriod, unitId: String?, in db: Database
    ) throws -> NyckeltalValue? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM nyckeltal_values WHERE code = ? AND ifnull(unit_id, '') = ? AND period = ?",
            arguments: [code, unitId ?? "", period.description]
        ).flatMap(value(from:))
    }

    static func value(from row: Row) -> NyckeltalValue? {
        guard let period = NyckeltalPeriod(row["period"]) else { return nil }
        return NyckeltalValue(
            code: row["code"], period: period, unitId: row["unit_id"],
            value: FixedDecimal(hundredths: row["hundredths"]),
            version: row["version"], updatedAt: Timestamp.parse(row["updated_at"]) ?? Date(timeIntervalSince1970: 0),
            updatedBy: row["updated_by"])
    }
}
