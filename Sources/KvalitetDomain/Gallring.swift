import Foundation

/// What gallring needs to know of one record: never its content.
public struct GallringCandidate: Sendable, Equatable {
    public let id: CaseNumber
    public let units: [String]
    /// The day it was received (or reported, decided, performed): its case number's year.
    public let primaryDate: LocalDate
    /// The day it was closed: its closing date, else the Stockholm day of its last change in a
    /// closed status, else the day it was voided; nil while it is open.
    public let closedOn: LocalDate?
    public let version: Int
    public let updatedAt: Date
    /// An open tillsynsbeslut names it (its case number appears in the decision).
    public let namedByOpenTillsyn: Bool
    /// It is in a delivered e-arkiv package made after its last change.
    public let delivered: Bool

    public init(
        id: CaseNumber, units: [String], primaryDate: LocalDate, closedOn: LocalDate?, version: Int, updatedAt: Date,
        namedByOpenTillsyn: Bool, delivered: Bool
    ) {
        self.id = id
        self.units = units
        self.primaryDate = primaryDate
        self.closedOn = closedOn
        self.version = version
        self.updatedAt = updatedAt
        self.namedByOpenTillsyn = namedByOpenTillsyn
        self.delivered = delivered
    }
}

/// What a gallring on `asOf` does with a record; the one place the rule is judged.
public enum GallringVerdict: Sendable, Equatable {
    /// Removed under `rule`; `needsDelivery` when the rule requires the e-arkiv and it is not delivered.
    case due(rule: Gallringsregel, needsDelivery: Bool)
    /// Kept: no rule covers it, its period has not ended, it is open, or an open tillsynsbeslut names it.
    case noRule
    case keptUntil(LocalDate)
    case open
    case namedByOpenTillsyn

    /// Judges `candidate` under the rule that governs it (see `Gallringsregel.governing`).
    public static func of(_ candidate: GallringCandidate, rule: Gallringsregel?, asOf: LocalDate) -> GallringVerdict {
        guard let rule else { return .noRule }
        // A record is never removed while open, whatever the basis.
        guard let closedOn = candidate.closedOn else { return .open }
        let due = rule.dueOn(countingFrom: rule.basis == .closed ? closedOn : candidate.primaryDate)
        if asOf < due { return .keptUntil(due) }
        if candidate.namedByOpenTillsyn { return .namedByOpenTillsyn }
        return .due(rule: rule, needsDelivery: rule.earkivRequired && !candidate.delivered)
    }
}

/// A line of `kvalitet gallring plan`: how many records of a family, unit and year are due, and how
/// many of them still lack a delivery the rule requires. Counts only, never a case's content.
public struct GallringPlanLine: Sendable, Equatable {
    public let family: RecordFamily
    public let units: String
    public let year: Int
    public let ruleId: String
    public var due: Int
    public var undelivered: Int

    public init(family: RecordFamily, units: String, year: Int, ruleId: String, due: Int, undelivered: Int) {
        self.family = family
        self.units = units
        self.year = year
        self.ruleId = ruleId
        self.due = due
        self.undelivered = undelivered
    }
}

/// How a gallring run went: per batch committed, the records removed.
public struct GallringRunResult: Sendable, Equatable {
    public var removed: Int
    public var batches: Int

    public init(removed: Int = 0, batches: Int = 0) {
        self.removed = removed
        self.batches = batches
    }
}
