import Foundation
import GRDB
import KvalitetDomain

/// The e-arkiv: which cases a year's delivery holds (read from one snapshot), recording a delivery
/// (one transaction, audited) and listing deliveries.
public struct EarkivStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) {
        self.database = database
    }

    /// The closed cases of `year` (by case number) of `families`, oldest number first, with their
    /// versions and notes; cases whose governing rule does not require the e-arkiv are left out
    /// (counted in `leftOutByRule`), open ones counted in `open`.
    public func urval(year: Int, families: [RecordFamily]) async throws -> EarkivUrval {
        try await database.pool.read { [database] db in
            let rules = try GallringsregelStore.all(in: db)
            let tree = try database.unitTree(in: db)
            var cases: [EarkivArende] = []
            var leftOut = 0
            var open = 0
            for family in families {
                let judged = try GallringCandidates.judged(
                    family, asOf: LocalDate(year: year, month: 1, day: 1)!, rules: rules, tree: tree, in: db)
                for (candidate, _) in judged where candidate.id.year == year {
                    guard let closedOn = candidate.closedOn else {
                        open += 1
                        continue
                    }
                    let rule = Gallringsregel.governing(family, units: candidate.units, among: rules, tree: tree)
                    if let rule, !rule.earkivRequired {
                        leftOut += 1
                        continue
                    }
                    if let arende = try Self.arende(candidate.id.description, family, closedOn: closedOn, in: db) {
                        cases.append(arende)
                    }
                }
            }
            return EarkivUrval(year: year, families: families, cases: cases, leftOutByRule: leftOut, open: open)
        }
    }

    /// Records `leverans` and the version of each case it holds, in one transaction with its audit
    /// entries (one for the delivery, one per case). Refuses (`.conflict`, nothing stored) when a
    /// case changed after it was read: its package would not hold its last version.
    public func record(_ leverans: EarkivLeverans, cases: [EarkivArende], by actor: Actor) async throws {
        let now = Timestamp.format(leverans.madeAt)
        try await database.write { db in
            for arende in cases {
                let version = try Int.fetchOne(
                    db, sql: "SELECT version FROM records WHERE id = ?", arguments: [arende.id])
                guard version == arende.version else {
                    throw DomainError.conflict(
                        rule: "\(arende.id) changed while the package was made; make the export again")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO earkiv_leveranser (package_id, made_at, made_by, year, families, records, mets_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    leverans.packageId, now, leverans.madeBy, leverans.year,
                    leverans.families.map(\.rawValue).joined(separator: ","), leverans.records, leverans.metsSha256,
                ])
            for arende in cases {
                try db.execute(
                    sql: "INSERT INTO earkiv_leverans_records (package_id, record_id, version) VALUES (?, ?, ?)",
                    arguments: [leverans.packageId, arende.id, arende.version])
                try AuditLog.append(
                    db, at: now, actor: actor, action: .earkivLeverans, recordId: arende.id,
                    detail: "delivered in \(leverans.packageId) at version \(arende.version)")
            }
            try AuditLog.append(
                db, at: now, actor: actor, action: .earkivLeverans, recordId: nil,
                detail: "e-arkiv package \(leverans.packageId): year \(leverans.year), "
                    + "\(leverans.families.map(\.rawValue).joined(separator: ",")), \(leverans.records) cases, "
                    + "METS.xml sha256 \(leverans.metsSha256)")
        }
    }

    /// Deliveries, newest first, `limit` per page; `before` is the position (`rowid`) the page
    /// before ended on. Returns each with its position, for the next cursor.
    public func list(before: Int64?, limit: Int) async throws -> [(position: Int64, leverans: EarkivLeverans)] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, * FROM earkiv_leveranser WHERE rowid < ? ORDER BY rowid DESC LIMIT ?
                    """, arguments: [before ?? Int64.max, limit]
            ).map { row -> (position: Int64, leverans: EarkivLeverans) in
                let families = (row["families"] as String).split(separator: ",").compactMap {
                    RecordFamily(rawValue: String($0))
                }
                return (
                    row["rowid"],
                    EarkivLeverans(
                        packageId: row["package_id"], madeAt: Timestamp.parse(row["made_at"]) ?? .distantPast,
                        madeBy: row["made_by"], year: row["year"], families: families, records: row["records"],
                        metsSha256: row["mets_sha256"])
                )
            }
        }
    }
}
