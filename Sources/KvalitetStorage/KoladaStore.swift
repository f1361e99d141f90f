import Foundation
import GRDB
import KvalitetDomain

/// Values imported from Kolada: upserted per KPI, municipality (or group, or the country) and year,
/// with when they were fetched; kept apart from the municipality's own measured values.
public struct KoladaStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Stores one import's values and remembers which municipality and group it was for (the report
    /// compares with the latest import's). Returns how many values were stored.
    @discardableResult
    public func store(
        kpi: String, municipality: String, group: String?, years: ClosedRange<Int>, values: [KoladaValue],
        by actor: Actor
    ) async throws -> Int {
        let now = database.nowText
        return try await StorageErrors.translate {
            try await database.write { db in
                for value in values {
                    try db.execute(
                        sql: """
                            INSERT INTO kolada_values (kpi, municipality, year, value, fetched_at) VALUES (?, ?, ?, \
                            ?, ?)
                            ON CONFLICT(kpi, municipality, year) DO UPDATE SET value = excluded.value, fetched_at = \
                            excluded.fetched_at
                            """,
                        arguments: [
                            value.kpi, value.municipality, value.year, value.value, Timestamp.format(value.fetchedAt),
                        ])
                }
                let yearsText = "\(years.lowerBound)-\(years.upperBound)"
                try db.execute(
                    sql: """
                        INSERT INTO kolada_imports (kpi, municipality, group_id, years, stored, imported_at, \
                        imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [kpi, municipality, group, yearsText, values.count, now, actor.tokenName])
                try AuditLog.append(
                    db, at: now, actor: actor, action: .koladaImport, recordId: "kolada/\(kpi)",
                    detail:
                        "\(values.count) values for \(municipality)\(group.map { ", \($0)" } ?? ""), 0000, years "
                            + "\(yearsText)"
                )
                return values.count
            }
        }
    }

    /// Every stored value of `kpi`, by municipality id then year.
    public func values(kpi: String) async throws -> [KoladaValue] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM kolada_values WHERE kpi = ? ORDER BY municipality, year", arguments: [kpi]
            ).map(Self.value(from:))
        }
    }

    static func value(from row: Row) -> KoladaValue {
        KoladaValue(
            kpi: row["kpi"], municipality: row["municipality"], year: row["year"], value: row["value"],
            fetchedAt: Timestamp.parse(row["fetched_at"]) ?? Date(timeIntervalSince1970: 0))
    }
}
