import GRDB
import KvalitetDomain

/// The filters of a record list (API.md, Lists); `after` is the last case number of the previous page.
public struct RecordQuery: Sendable, Equatable {
    public var unitId: String?
    public var status: String?
    public var from: LocalDate?
    public var to: LocalDate?
    public var category: String?
    public var text: String?
    public var includeVoided: Bool
    /// Only records whose deadline has passed today (true) or none has (false); see `StoredKind.overdueCondition`.
    public var overdue: Bool?
    public var after: CaseNumber?
    public var limit: Int

    public init(
        unitId: String? = nil, status: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
        category: String? = nil, text: String? = nil, includeVoided: Bool = false, overdue: Bool? = nil,
        after: CaseNumber? = nil, limit: Int = 50
    ) {
        self.unitId = unitId
        self.status = status
        self.from = from
        self.to = to
        self.category = category
        self.text = text
        self.includeVoided = includeVoided
        self.overdue = overdue
        self.after = after
        self.limit = limit
    }
}

/// One page of a list, newest case number first.
public struct RecordPage<Kind: RecordKind>: Sendable {
    public let items: [CaseRecord<Kind>]
    /// The case number to continue after, or nil on the last page.
    public let next: CaseNumber?
}

/// SQL for "which records may this actor see", shared by every read of every family.
enum Visibility {
    /// A `WITH RECURSIVE` prelude naming `scope_units` (the actor's subtrees) and `filter_units`.
    static func prelude(actor: Actor, filterUnit: String?) -> (sql: String, arguments: StatementArguments) {
        var ctes: [String] = []
        var arguments: StatementArguments = []
        if let scope = actor.unitScope {
            ctes.append(subtree(name: "scope_units", roots: scope.count))
            arguments += StatementArguments(scope)
        }
        if let filterUnit {
            ctes.append(subtree(name: "filter_units", roots: 1))
            arguments += [filterUnit]
        }
        return (ctes.isEmpty ? "" : "WITH RECURSIVE " + ctes.joined(separator: ", ") + " ", arguments)
    }

    /// Conditions on `r` (records) that keep only what the actor may see.
    static func conditions(actor: Actor, filterUnit: String?) -> (sql: [String], arguments: StatementArguments) {
        var sql: [String] = []
        var arguments: StatementArguments = []
        if actor.unitScope != nil {
            sql.append("EXISTS (SELECT 1 FROM record_units ru WHERE ru.record_id = r.id AND ru.unit_id IN scope_units)")
        }
        if filterUnit != nil {
            sql.append(
                "EXISTS (SELECT 1 FROM record_units fu WHERE fu.record_id = r.id AND fu.unit_id IN filter_units)")
        }
        if actor.onlyOwnRecords {
            sql.append("r.created_by = ?")
            arguments += [actor.tokenName]
        }
        return (sql, arguments)
    }

    private static func subtree(name: String, roots: Int) -> String {
        let marks = Array(repeating: "?", count: roots).joined(separator: ", ")
        return
            "\(name)(id) AS (SELECT id FROM units WHERE id IN (\(marks)) UNION SELECT u.id FROM units u JOIN \(name) "
                + "s ON u.parent_id = s.id)"
    }

    /// Whether `unitId` lies in one of the actor's subtrees (always true for an unscoped actor).
    static func unitInScope(_ unitId: String, actor: Actor, tree: OrgTree) -> Bool {
        guard let scope = actor.unitScope else { return true }
        return scope.contains { tree.subtree(of: $0).contains(unitId) }
    }
}
