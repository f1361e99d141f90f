import Foundation
import GRDB
import KvalitetDomain

/// One batch of a gallring, inside the caller's transaction: each record is judged again (it may
/// have changed since the plan), its report tallies move to `gallrade_tallies` (the running sums
/// stay as they are), its ledger row and audit entry are written, then it and every row that refers
/// to it are deleted while `gallring_in_progress` allows it.
struct GallringRemoval {
    let settings: RecordSettings
    let decision: String
    let withoutEarkiv: String?
    let actor: Actor
    /// The time written on the ledger and the audit log, from the database's clock.
    let now: String

    /// Removes those of `records` still due; returns how many.
    func remove(_ records: [(RecordFamily, String)], asOf: LocalDate, tree: OrgTree, in db: Database) throws -> Int {
        let rules = try GallringsregelStore.all(in: db)
        try db.execute(sql: "INSERT INTO gallring_in_progress (id, decision) VALUES (1, ?)", arguments: [decision])
        let children = try Self.childTables(db)
        var removed = 0
        for family in RecordFamily.allCases {
            let ids = records.filter { $0.0 == family }.map(\.1)
            guard !ids.isEmpty else { continue }
            for (candidate, verdict) in try GallringCandidates.judged(
                family, ids: ids, asOf: asOf, rules: rules, tree: tree, in: db)
            {
                guard case .due(let rule, let needsDelivery) = verdict, !needsDelivery || withoutEarkiv != nil
                else { continue }
                try keepTallies(of: candidate.id.description, family: family, in: db)
                try ledger(candidate, family: family, rule: rule, needsDelivery: needsDelivery, at: now, in: db)
                // A webhook delivery names the record's events, not the record: it goes first.
                try db.execute(
                    sql: """
                        DELETE FROM webhook_deliveries WHERE event_seq IN (SELECT seq FROM events WHERE record_id = ?)
                        """,
                    arguments: [candidate.id.description])
                for (table, column) in children {
                    try db.execute(
                        sql: "DELETE FROM \(table) WHERE \(column) = ?", arguments: [candidate.id.description])
                }
                try db.execute(sql: "DELETE FROM records WHERE id = ?", arguments: [candidate.id.description])
                removed += 1
            }
        }
        try db.execute(sql: "DELETE FROM gallring_in_progress")
        return removed
    }

    /// Every table with a foreign key to `records` and its column: the record's versions, facts,
    /// units, notes, risks, root causes, idempotency keys, receipts, and any table a later
    /// migration adds.
    static func childTables(_ db: Database) throws -> [(table: String, column: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT m.name, f."from" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' AND f."table" = 'records' ORDER BY m.name
                """
        ).map { ($0[0], $0[1]) }
    }

    /// Adds the record's report tallies to `gallrade_tallies`, so `kvalitet check` can count them.
    private func keepTallies(of id: String, family: RecordFamily, in db: Database) throws {
        func tallies<Kind: StoredKind>(_ kind: Kind.Type) throws -> [ReportTally: Int] {
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM records WHERE id = ?", arguments: [id])
            else { return [:] }
            return Kind.reportTallies(try RecordCodec.decode(body, as: Kind.self), settings: settings)
        }
        for (tally, amount) in try tallies(family.storedKind) where amount != 0 {
            try db.execute(
                sql: """
                    INSERT INTO gallrade_tallies (metric, day, units, key, n) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (metric, day, units, key) DO UPDATE SET n = n + excluded.n
                    """,
                arguments: [tally.metric.rawValue, tally.date.description, tally.units, tally.key.stored, amount])
        }
    }

    private func ledger(
        _ candidate: GallringCandidate, family: RecordFamily, rule: Gallringsregel, needsDelivery: Bool, at now: String,
        in db: Database
    ) throws {
        let reason = needsDelivery ? withoutEarkiv : nil
        try db.execute(
            sql: """
                INSERT INTO gallrade_records (id, family, year, seq, units, primary_date, closed_on, version, rule_id,
                    rule_version, decision, without_earkiv, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                candidate.id.description, family.rawValue, candidate.id.year, candidate.id.sequence,
                ReportTally.unitsKey(candidate.units), candidate.primaryDate.description,
                candidate.closedOn?.description, candidate.version, rule.id, rule.version, decision, reason, now,
            ])
        try AuditLog.append(
            db, at: now, actor: actor, action: .gallring, recordId: candidate.id.description,
            detail: "removed by gallring: \(family.rawValue), units \(ReportTally.unitsKey(candidate.units)), "
                + "received \(candidate.primaryDate), closed \(candidate.closedOn?.description ?? "-"), "
                + "version \(candidate.version), rule \(rule.id) v\(rule.version), decision \(decision)"
                + (reason.map { ", without the e-arkiv: \($0)" } ?? ""))
    }
}
