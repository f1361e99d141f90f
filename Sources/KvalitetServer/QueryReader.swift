import Hummingbird
import KvalitetDomain

/// Typed reading of query parameters, refusing unknown ones (a typo must not silently widen a list).
/// Each problem is a `FieldProblem` whose pointer is the parameter's name, so it carries a stable
/// `code`, its parameters and a Swedish text as field problems do (`HTTPProblem.badQuery`).
struct QueryReader {
    let parameters: [String: String]
    private(set) var errors: [FieldProblem] = []

    init(_ request: Request, allowed: Set<String>) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if !allowed.contains(name) {
                errors.append(FieldProblem(name, .unknownParameter(allowed: allowed.sorted())))
            } else if parameters[name] != nil {
                errors.append(FieldProblem(name, .repeated))
            } else {
                parameters[name] = TextRules.normalised(String(value))
            }
        }
        self.parameters = parameters
    }

    func string(_ name: String) -> String? { parameters[name] }

    mutating func text(_ name: String, max: Int = 200) -> String? {
        guard let value = parameters[name] else { return nil }
        if let rule = TextRules.check(value, min: 1, max: max) { fail(name, rule); return nil }
        return value
    }

    mutating func int(_ name: String, range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let text = parameters[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            fail(name, .notAnInteger(minimum: range.lowerBound, maximum: range.upperBound))
            return fallback
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool {
        guard let text = parameters[name] else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: fail(name, .notOneOf(allowed: ["true", "false"])); return false
        }
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = parameters[name] else { return nil }
        guard let date = LocalDate(text), date.year >= 1000 else {
            fail(name, .notADate)
            return nil
        }
        return date
    }

    mutating func code<C: Code>(_ name: String, as type: C.Type) -> C? {
        guard let text = parameters[name] else { return nil }
        guard let code = C(rawValue: text) else {
            fail(name, .notInKodverk(kodverk: C.listName, allowed: C.allCodes))
            return nil
        }
        return code
    }

    /// One of a fixed set of words (`format`, `interval`, `labels`): the value, or nil with a problem.
    mutating func choice(_ name: String, of allowed: [String]) -> String? {
        guard let text = parameters[name] else { return nil }
        guard allowed.contains(text) else { fail(name, .notOneOf(allowed: allowed)); return nil }
        return text
    }

    /// A problem with the parameter `name`; `detail` replaces the rule's English text where it can say more.
    mutating func fail(_ name: String, _ rule: FieldRule, detail: String? = nil) {
        errors.append(FieldProblem(name, rule, detail: detail))
    }

    /// Problems a domain check found, each with a parameter's name as pointer.
    mutating func fail(_ problems: [FieldProblem]) { errors.append(contentsOf: problems) }

    func throwIfAny() throws {
        if !errors.isEmpty { throw HTTPProblem.badQuery(errors) }
    }
}
