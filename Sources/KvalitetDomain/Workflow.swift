/// A workflow as a table: the legal steps between statuses, and what must hold in each status.
///
/// What must hold to *enter* a status must also keep holding while the record stays there, so a
/// PATCH that would break it is refused by the same rules (`checkStaying`).
public struct Workflow<Kind: RecordKind>: Sendable {
    /// One condition of a status, with the field it concerns and the rule as the user reads it.
    public struct Requirement: Sendable {
        public let pointer: String
        public let rule: String
        public let holds: @Sendable (Kind.Fields) -> Bool

        public init(_ pointer: String, _ rule: String, holds: @escaping @Sendable (Kind.Fields) -> Bool) {
            self.pointer = pointer
            self.rule = rule
            self.holds = holds
        }
    }

    public let initial: Kind.Status
    public let steps: [Kind.Status: [Kind.Status]]
    public let requirements: [Kind.Status: [Requirement]]

    public init(initial: Kind.Status, steps: [Kind.Status: [Kind.Status]], requirements: [Kind.Status: [Requirement]]) {
        self.initial = initial
        self.steps = steps
        self.requirements = requirements
    }

    public func next(from status: Kind.Status) -> [Kind.Status] { steps[status] ?? [] }

    /// The one place a transition is judged: a legal step, and every requirement of the target.
    public func checkTransition(from: Kind.Status, to: Kind.Status, fields: Kind.Fields) throws(DomainError) {
        guard next(from: from).contains(to) else {
            let legal = next(from: from).map(\.rawValue)
            let allowed = legal.isEmpty ? "no further step is possible" : "allowed: " + legal.joined(separator: ", ")
            throw DomainError.conflict(
                rule: "\(Kind.family.prefix): no step from \(from.rawValue) to \(to.rawValue) (\(allowed))")
        }
        try check(status: to, fields: fields, verb: "to become")
    }

    /// A change to a record must not break what its current status requires.
    public func checkStaying(in status: Kind.Status, fields: Kind.Fields) throws(DomainError) {
        try check(status: status, fields: fields, verb: "to stay")
    }

    private func check(status: Kind.Status, fields: Kind.Fields, verb: String) throws(DomainError) {
        let failed = (requirements[status] ?? []).filter { !$0.holds(fields) }
        guard failed.isEmpty else {
            let rules = failed.map(\.rule).joined(separator: "; ")
            throw DomainError.conflict(
                rule: "\(verb) \(status.rawValue), \(rules)",
                problems: failed.map {
                    FieldProblem($0.pointer, .requiredForStatus(status: status.rawValue), detail: $0.rule)
                })
        }
    }
}
