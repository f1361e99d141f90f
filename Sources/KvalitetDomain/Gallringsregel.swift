import Foundation

/// What a retention period counts from: the day a record was closed (its workflow's last status, or
/// voided), or the day it was received (its primary date: the case number's year).
public enum GallringBasis: String, Sendable, CaseIterable, Codable {
    case closed, received
}

/// A retention rule (*gallringsregel*) from the committee's dokumenthanteringsplan: records of
/// `family` (below `unitId`, or all of them) are kept `years` full calendar years after the year
/// they were closed or received, then removed under `decision` (its Dnr). `earkivRequired`: each
/// must first be in a delivered e-arkiv package made after its last change.
public struct Gallringsregel: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var family: RecordFamily
    public var unitId: String?
    public var years: Int
    public var basis: GallringBasis
    public var decision: String
    public var earkivRequired: Bool
    public var changedAt: Date
    public var changedBy: String

    public init(
        id: String, version: Int = 1, family: RecordFamily, unitId: String? = nil, years: Int,
        basis: GallringBasis, decision: String, earkivRequired: Bool, changedAt: Date = Date(timeIntervalSince1970: 0),
        changedBy: String = ""
    ) {
        self.id = id
        self.version = version
        self.family = family
        self.unitId = unitId
        self.years = years
        self.basis = basis
        self.decision = decision
        self.earkivRequired = earkivRequired
        self.changedAt = changedAt
        self.changedBy = changedBy
    }

    /// Years a rule may keep a record: 0 (removed the year after) to 100.
    public static let yearRange = 0...100

    /// Every problem with the rule's own values, as JSON pointers of its wire form.
    public func validate() -> [FieldProblem] {
        var problems = ProblemList()
        if !OrgUnit.isValidId(id) {
            problems.add(
                "/id", .invalidFormat(example: "lex-sarah"), detail: "must be 1–64 characters of a–z, 0–9 and -")
        }
        if !Self.yearRange.contains(years) {
            problems.add("/years", .outOfRange(minimum: Self.yearRange.lowerBound, maximum: Self.yearRange.upperBound))
        }
        TextRules.check(decision, pointer: "/decision", min: 1, max: 200, into: &problems)
        return problems.problems
    }

    /// The first day a record counted from `start` (its closing or received day) may be removed:
    /// 1 January of the year `years` after the year of `start` has ended.
    public func dueOn(countingFrom start: LocalDate) -> LocalDate {
        LocalDate(year: start.year + years + 1, month: 1, day: 1)!
    }

    /// The rule that governs a record of `family` filed under `units`: for each unit the rule of its
    /// nearest unit (itself or an ancestor), else the family's rule without a unit; of those the one
    /// keeping longest (an e-arkiv requirement wins a tie). Nil: no rule, the record is kept.
    public static func governing(
        _ family: RecordFamily, units: [String], among rules: [Gallringsregel], tree: OrgTree
    ) -> Gallringsregel? {
        let own = rules.filter { $0.family == family }
        let byUnit = Dictionary(
            own.compactMap { rule in rule.unitId.map { ($0, rule) } }, uniquingKeysWith: { first, _ in first })
        let familyWide = own.first { $0.unitId == nil }
        var found: [Gallringsregel] = []
        for unit in units {
            var current: String? = unit
            var seen = Set<String>()
            var nearest: Gallringsregel?
            while let id = current, seen.insert(id).inserted, nearest == nil {
                nearest = byUnit[id]
                current = tree.units[id]?.parentId
            }
            if let rule = nearest ?? familyWide { found.append(rule) }
        }
        return found.max { ($0.years, $0.earkivRequired ? 1 : 0) < ($1.years, $1.earkivRequired ? 1 : 0) }
    }
}

extension RecordFamily {
    /// The statuses a record of this family is closed in: its workflow's statuses with no further step.
    public var closedStatuses: Set<String> {
        func closed<Kind: RecordKind>(_ kind: Kind.Type) -> Set<String> {
            Set(Kind.Status.allCases.filter { Kind.workflow.next(from: $0).isEmpty }.map(\.rawValue))
        }
        return closed(kind)
    }
}
