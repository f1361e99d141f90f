import Foundation
import GRDB
import KvalitetDomain

/// Gallring: what the rules make due on a day (`plan`), and removing it (`run`) in batches of one
/// transaction each, so that a run stopped at any moment leaves every batch wholly done or not.
public struct GallringStore: Sendable {
    let database: KvalitetDatabase
    let settings: RecordSettings

    public init(_ database: KvalitetDatabase, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.settings = settings
    }

    /// What is due on `asOf`: counts per family, units and year of the case number, with how many
    /// of them lack a delivery their rule requires. Sorted by family, year and units.
    public func plan(asOf: LocalDate) async throws -> [GallringPlanLine] {
        let due = try await database.pool.read { [database] db in
            try Self.due(asOf: asOf, tree: try database.unitTree(in: db), in: db)
        }
        var lines: [String: GallringPlanLine] = [:]
        for (family, candidate, rule, needsDelivery) in due {
            let units = ReportTally.unitsKey(candidate.units)
            let key = "\(family.rawValue)/\(candidate.id.year)/\(units)/\(rule.id)"
            lines[key, default: GallringPlanLine(
                family: family, units: units, year: candidate.id.year, ruleId: rule.id, due: 0, undelivered: 0)
            ].due += 1
            if needsDelivery { lines[key]?.undelivered += 1 }
        }
        return lines.values.sorted {
            ($0.family.rawValue, $0.year, $0.units, $0.ruleId) < ($1.family.rawValue, $1.year, $1.units, $1.ruleId)
        }
    }

    /// Removes what is due on `asOf` under `decision` (its Dnr), `batchSize` records per transaction.
    /// Refuses (`.conflict`, nothing removed) when a due record's rule requires the e-arkiv and it
    /// is not in a delivered package made after its last change, unless `withoutEarkiv` gives the
    /// reason (kept in the ledger and the audit log). `afterBatch` is told each committed batch.
    public func run(
        decision: String, asOf: LocalDate, withoutEarkiv: String?, batchSize: Int = 200, by actor: Actor,
        afterBatch: @Sendable (GallringRunResult) -> Void = { _ in }
    ) async throws -> GallringRunResult {
        var problems = ProblemList()
        TextRules.check(decision, pointer: "/decision", min: 1, max: 200, into: &problems)
        if let withoutEarkiv {
            TextRules.check(withoutEarkiv, pointer: "/withoutEarkiv", min: 1, max: 200, into: &problems)
        }
        try problems.throwIfAny()
        let due = try await database.pool.read { [database] db in
            try Self.due(asOf: asOf, tree: try database.unitTree(in: db), in: db)
        }
        let undelivered = due.filter(\.needsDelivery)
        if withoutEarkiv == nil, let first = undelivered.first {
            throw DomainError.conflict(
                rule: "\(undelivered.count) due records (the first \(first.candidate.id)) must be delivered to the "
                    + "e-arkiv first (rule \(first.rule.id)): deliver them, or give the reason with --without-earkiv")
        }
        try await audit(
            "gallring run started: decision \(decision), as of \(asOf), \(due.count) due"
                + (withoutEarkiv.map { ", \(undelivered.count) without the e-arkiv: \($0)" } ?? ""), by: actor)
        var result = GallringRunResult()
        var start = 0
        while start < due.count {
            let batch = Array(due[start..<min(start + batchSize, due.count)])
            start += batchSize
            let removal = GallringRemoval(
                settings: settings, decision: decision, withoutEarkiv: withoutEarkiv, actor: actor,
                now: database.nowText)
            let removed = try await database.pool.write { [database] db in
                try removal.remove(batch.map { ($0.family, $0.candidate.id.description) }, asOf: asOf,
                            tree: try database.unitTree(in: db), in: db)
            }
            result.removed += removed
            result.batches += 1
            afterBatch(result)
        }
        try await audit(
            "gallring run done: decision \(decision), \(result.removed) removed in \(result.batches) batches",
            by: actor)
        return result
    }

    private func audit(_ detail: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.pool.write { db in
            try AuditLog.append(db, at: now, actor: actor, action: .gallringRun, recordId: nil, detail: detail)
        }
    }

    typealias Due = (family: RecordFamily, candidate: GallringCandidate, rule: Gallringsregel, needsDelivery: Bool)

    /// Every record due on `asOf`, family by family, oldest case number first.
    static func due(asOf: LocalDate, tree: OrgTree, in db: Database) throws -> [Due] {
        let rules = try GallringsregelStore.all(in: db)
        var due: [Due] = []
        for family in RecordFamily.allCases where rules.contains(where: { $0.family == family }) {
            for (candidate, verdict) in try GallringCandidates.judged(
                family, asOf: asOf, rules: rules, tree: tree, in: db)
            {
                if case .due(let rule, let needsDelivery) = verdict {
                    due.append((family, candidate, rule, needsDelivery))
                }
            }
        }
        return due
    }
}
