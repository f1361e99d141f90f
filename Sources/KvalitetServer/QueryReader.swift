import Hummingbird
import KvalitetDomain

/// Typed reading of query parameters, refusing unknown ones (a typo must not silently widen a list).
struct QueryReader {
    let parameters: [String: String]
    private(set) var errors: [(parameter: String, detail: String)] = []

    init(_ request: Request, allowed: Set<String>) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if !allowed.contains(name) {
                errors.append((name, "unknown parameter; known: \(allowed.sorted().joined(separator: ", "))"))
            } else if parameters[name] != nil {
                errors.append((name, "given more than once"))
            } else {
                parameters[name] = TextRules.normalised(String(value))
            }
        }
        self.parameters = parameters
    }

    func string(_ name: String) -> String? { parameters[name] }

    mutating func text(_ name: String, max: Int = 200) -> String? {
        guard let value = parameters[name] else { return nil }
        if let rule = TextRules.check(value, min: 1, max: max) { errors.append((name, rule.english)); return nil }
        return value
    }

    mutating func int(_ name: String, range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let text = parameters[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            errors.append((name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return fallback
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool {
        guard let text = parameters[name] else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: errors.append((name, "must be true or false")); return false
        }
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = parameters[name] else { return nil }
        guard let date = LocalDate(text), date.year >= 1000 else {
            errors.append((name, "must be a date YYYY-MM-DD from the year 1000 on"))
            return nil
        }
        return date
    }

    mutating func code<C: Code>(_ name: String, as type: C.Type) -> C? {
        guard let text = parameters[name] else { return nil }
        guard let code = C(rawValue: text) else { errors.append((name, C.mustBeOneOf)); return nil }
        return code
    }

    mutating func fail(_ name: String, _ detail: String) { errors.append((name, detail)) }

    func throwIfAny() throws {
        if !errors.isEmpty { throw HTTPProblem.badQuery(errors) }
    }
}
