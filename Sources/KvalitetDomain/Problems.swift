/// One thing wrong with a request body, located by a JSON pointer (RFC 6901), with its rule (a
/// stable code and parameters, worded in Swedish too) and its English text.
public struct FieldProblem: Sendable, Equatable, CustomStringConvertible {
    public let pointer: String
    public let rule: FieldRule
    /// The English text: the rule's own, or a more specific one given where the problem is found.
    public let detail: String

    public init(_ pointer: String, _ rule: FieldRule, detail: String? = nil) {
        self.pointer = pointer
        self.rule = rule
        self.detail = detail ?? rule.english
    }

    public var description: String { "\(pointer): \(detail)" }
}

/// The ways a domain operation refuses; the server maps each to one HTTP status in one place.
public enum DomainError: Error, Equatable, Sendable {
    /// Values that can never be right (422), every problem at once.
    case invalid([FieldProblem])
    /// A rule of the workflow or the record's state forbids it (409); `rule` is said to the user.
    case conflict(rule: String, problems: [FieldProblem] = [])
    /// Not there, or not visible to the caller (404): the two are deliberately indistinguishable.
    case notFound(String)
    /// The caller's role may not do this at all (403).
    case forbidden(String)
    /// The caller's `If-Match` names an older version (412).
    case staleVersion(current: Int)
    /// Replacing something that exists needs `If-Match` with its current version (428).
    case versionRequired(current: Int)
}

/// Collects problems while validating, so that every problem is reported, not only the first.
public struct ProblemList: Sendable {
    public private(set) var problems: [FieldProblem] = []
    public init() {}
    public var isEmpty: Bool { problems.isEmpty }
    public mutating func add(_ pointer: String, _ rule: FieldRule, detail: String? = nil) {
        problems.append(FieldProblem(pointer, rule, detail: detail))
    }
    public mutating func add(contentsOf other: [FieldProblem]) { problems.append(contentsOf: other) }
    public func throwIfAny() throws(DomainError) {
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }
}
