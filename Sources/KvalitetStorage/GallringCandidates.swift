import Foundation
import GRDB
import KvalitetDomain

/// Reading what gallring judges: each record's dates, units, whether an open tillsynsbeslut names
/// it and whether a delivered package holds its current version; never a record's content.
enum GallringCandidates {
    /// The families whose facts keep a closing date (`closed_on`); the others close on the day of
    /// their last change in a closed status.
    static let closingDateFamilies: Set<RecordFamily> = [.avvikelse, .klagomal, .lexSarah]

    /// Every record of `family` (or only `ids`) as a candidate with its verdict on `asOf`.
    static func judged(
        _ family: RecordFamily, ids: [String]? = nil, asOf: LocalDate, rules: [Gallringsregel], tree: OrgTree,
        in db: Database
    ) throws -> [(candidate: GallringCandidate, verdict: GallringVerdict)] {
        let closedOn = closingDateFamilies.contains(family) ? "f.closed_on" : "NULL"
        let join =
            closingDateFamilies.contains(family) ? "LEFT JOIN \(family.rawValue)_facts f ON f.record_id = r.id" : ""
        let closed = family.closedStatuses.sorted().map { "'\($0)'" }.joined(separator: ", ")
        var sql = """
            SELECT r.id, r.primary_date, r.version, r.updated_at, r.voided_on, r.status IN (\(closed)) AS closed,
                \(closedOn) AS closed_on,
                (SELECT group_concat(unit_id) FROM record_units u WHERE u.record_id = r.id) AS units,
                EXISTS (SELECT 1 FROM earkiv_leverans_records lr JOIN earkiv_leveranser l USING (package_id)
                    WHERE lr.record_id = r.id AND lr.version = r.version AND l.made_at >= r.updated_at) AS delivered
            FROM records r \(join) WHERE r.family = ?
            """
        var arguments: StatementArguments = [family.rawValue]
        if let ids {
            sql += " AND r.id IN (" + ids.map { _ in "?" }.joined(separator: ", ") + ")"
            arguments += StatementArguments(ids)
        }
        var judged: [(candidate: GallringCandidate, verdict: GallringVerdict)] = []
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY r.year, r.seq", arguments: arguments)
        while let row = try rows.next() {
            let id: String = row["id"]
            guard let number = CaseNumber(id, family: family), let primary = LocalDate(row["primary_date"]) else {
                continue
            }
            let updatedAt = Timestamp.parse(row["updated_at"]) ?? .distantPast
            let voidedOn = (row["voided_on"] as String?).flatMap(LocalDate.init)
            let ownClosing = (row["closed_on"] as String?).flatMap(LocalDate.init)
            let closedOn: LocalDate? =
                voidedOn ?? (row["closed"] as Bool ? ownClosing ?? SwedishTime.date(of: updatedAt) : nil)
            let units = ((row["units"] as String?) ?? "").split(separator: ",").map(String.init)
            var candidate = GallringCandidate(
                id: number, units: units, primaryDate: primary, closedOn: closedOn, version: row["version"],
                updatedAt: updatedAt, namedByOpenTillsyn: false, delivered: row["delivered"])
            let rule = Gallringsregel.governing(family, units: units, among: rules, tree: tree)
            var verdict = GallringVerdict.of(candidate, rule: rule, asOf: asOf)
            if case .due = verdict, try namedByOpenTillsyn(id, in: db) {
                candidate = candidate.named()
                verdict = GallringVerdict.of(candidate, rule: rule, asOf: asOf)
            }
            judged.append((candidate, verdict))
        }
        return judged
    }

    /// True when an open, unvoided tillsynsbeslut mentions the case number anywhere in it (its
    /// description, summary or measures): such a record is kept until the decision is closed.
    /// A longer number starting with this one also counts: it errs on keeping.
    static func namedByOpenTillsyn(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM records WHERE family = 'tillsynsbeslut' AND status = 'oppet'
                        AND voided_on IS NULL AND instr(body, ?) > 0)
                    """), arguments: [id]) ?? false
    }
}

extension GallringCandidate {
    /// The same candidate, named by an open tillsynsbeslut.
    func named() -> GallringCandidate {
        GallringCandidate(
            id: id, units: units, primaryDate: primaryDate, closedOn: closedOn, version: version,
            updatedAt: updatedAt, namedByOpenTillsyn: true, delivered: delivered)
    }
}
