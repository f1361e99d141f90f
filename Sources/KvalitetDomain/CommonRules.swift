/// The checks every record family shares, so that the same mistake reads the same in every family.
extension ProblemList {
    /// `value` must be present; returns it for chaining.
    @discardableResult
    public mutating func require<T>(_ value: T?, _ pointer: String) -> T? {
        if value == nil { add(pointer, .required) }
        return value
    }

    public mutating func title(_ title: String?) {
        guard let title = require(title, "/title") else { return }
        TextRules.check(title, pointer: "/title", min: 1, max: TextRules.titleMax, into: &self)
    }

    /// Optional free text of at most `max` characters (empty allowed).
    public mutating func text(_ text: String?, _ pointer: String, min: Int = 0, max: Int = TextRules.descriptionMax) {
        if let text { TextRules.check(text, pointer: pointer, min: min, max: max, into: &self) }
    }

    /// A date that records something that has happened: never after today.
    public mutating func notInFuture(_ date: LocalDate?, _ pointer: String, today: LocalDate) {
        if let date, date > today { add(pointer, .inFuture(today: "\(today)")) }
    }

    /// `date` must not come before `other` (named `otherName` in the message) when both are known.
    public mutating func notBefore(_ date: LocalDate?, _ pointer: String, _ other: LocalDate?, _ otherName: String) {
        if let date, let other, date < other { add(pointer, .before(other: otherName, value: "\(other)")) }
    }

    /// One or more distinct unit ids, each reported under `/unitIds/N`.
    public mutating func unitIds(_ ids: [String]?) {
        guard let ids = require(ids, "/unitIds") else { return }
        if ids.isEmpty { add("/unitIds", .tooFew(minItems: 1), detail: "must name at least one unit") }
        if ids.count > 50 { add("/unitIds", .tooMany(maxItems: 50), detail: "must name at most 50 units") }
        var seen = Set<String>()
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            add("/unitIds/\(index)", .duplicate, detail: "names \(id) a second time")
        }
    }

    /// Codes in a list must be distinct (a cause counted twice would skew the yearly analysis).
    public mutating func distinct<C: Code>(_ codes: [C]?, _ pointer: String) {
        if let codes, Set(codes).count != codes.count {
            add(pointer, .duplicate, detail: "must not name the same code twice")
        }
    }
}

/// The units a multi-unit record names, with the pointer each is reported under.
public func unitPointers(_ ids: [String]) -> [(pointer: String, unitId: String)] {
    ids.enumerated().map { ("/unitIds/\($0.offset)", $0.element) }
}
