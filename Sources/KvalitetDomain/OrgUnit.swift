/// The level of a unit in the organisation tree.
public enum UnitLevel: String, Code {
    case forvaltning, avdelning, sektion, verksamhet
    public static let listName = "niva"
    public var label: String {
        switch self {
        case .forvaltning: "Förvaltning"
        case .avdelning: "Avdelning"
        case .sektion: "Sektion"
        case .verksamhet: "Verksamhet"
        }
    }
}

/// A unit (*verksamhet*) of the organisation as the administrator defines it.
public struct OrgUnit: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var level: UnitLevel
    public var parentId: String?
    /// The *verksamhetsområde* set on this unit itself; sub-units inherit it (see `OrgTree`).
    public var area: String?
    public var openedOn: LocalDate?
    public var closedOn: LocalDate?

    public init(
        id: String, name: String, level: UnitLevel, parentId: String?, area: String?,
        openedOn: LocalDate? = nil, closedOn: LocalDate? = nil
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.parentId = parentId
        self.area = area
        self.openedOn = openedOn
        self.closedOn = closedOn
    }

    /// `[a-z0-9-]{1,64}`: safe in paths, case numbers and CSV.
    public static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// A unit without dates is open at every date: history is often imported before units are registered.
    public func isOpen(on date: LocalDate) -> Bool {
        if let openedOn, date < openedOn { return false }
        if let closedOn, date > closedOn { return false }
        return true
    }

    public func validate() -> [FieldProblem] {
        var problems = ProblemList()
        if !OrgUnit.isValidId(id) {
            problems.add(
                "/id", .invalidFormat(example: "ifo-utredning"),
                detail: "must be 1–64 characters of a–z, 0–9 and -")
        }
        TextRules.check(name, pointer: "/name", min: 1, max: TextRules.nameMax, into: &problems)
        if let area { TextRules.check(area, pointer: "/area", min: 1, max: 100, into: &problems) }
        if let parentId, parentId == id { problems.add("/parentId", .ownParent) }
        if let openedOn, let closedOn, closedOn < openedOn {
            problems.add(
                "/closedOn", .before(other: "openedOn", value: "\(openedOn)"), detail: "must not be before openedOn")
        }
        return problems.problems
    }
}

/// The whole organisation, for what needs the tree: inherited areas, subtrees and cycles.
public struct OrgTree: Sendable {
    public let units: [String: OrgUnit]
    /// Sub-units by parent, built once: subtrees are asked for on every write and per unit in reports.
    private let children: [String: [String]]

    public init(_ units: [OrgUnit]) {
        self.units = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var children: [String: [String]] = [:]
        for unit in self.units.values {
            if let parent = unit.parentId { children[parent, default: []].append(unit.id) }
        }
        self.children = children
    }

    /// The area from the nearest ancestor (or the unit itself) that sets one.
    public func effectiveArea(of id: String) -> String? {
        var seen = Set<String>()
        var current = units[id]
        while let unit = current, seen.insert(unit.id).inserted {
            if let area = unit.area { return area }
            current = unit.parentId.flatMap { units[$0] }
        }
        return nil
    }

    /// True when making `parentId` the parent of `id` would close a loop.
    public func wouldCreateCycle(id: String, parentId: String) -> Bool {
        var seen = Set<String>()
        var current: String? = parentId
        while let unitId = current, seen.insert(unitId).inserted {
            if unitId == id { return true }
            current = units[unitId]?.parentId
        }
        return false
    }

    /// `root` and every unit below it.
    public func subtree(of root: String) -> Set<String> {
        var result: Set<String> = []
        var stack = units[root] == nil ? [] : [root]
        while let next = stack.popLast() {
            if result.insert(next).inserted { stack.append(contentsOf: children[next] ?? []) }
        }
        return result
    }
}
