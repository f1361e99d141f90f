import KvalitetDomain

/// Reads typed values out of a JSON object, collecting a problem (with its pointer) for each
/// wrong type, unknown code or bad date instead of stopping at the first.
struct WireDecoder {
    private(set) var problems: [FieldProblem] = []

    mutating func problem(_ pointer: String, _ rule: FieldRule, detail: String? = nil) {
        problems.append(FieldProblem(pointer, rule, detail: detail))
    }

    /// Every member must be one of `allowed`; others are reported as read-only, transition-only,
    /// retired (with what to send instead) or unknown.
    mutating func checkKeys(_ object: JSONObject, allowed: Set<String>, readOnly: Set<String> = [],
                            transitionOnly: Set<String> = [], retired: [String: String] = [:],
                            at base: String = "") {
        for key in object.keys where !allowed.contains(key) {
            let pointer = base + "/" + pointerEscape(key)
            if let instead = retired[key] {
                problem(pointer, .retired, detail: instead)
            } else if readOnly.contains(key) {
                problem(pointer, .readOnly)
            } else if transitionOnly.contains(key) {
                problem(pointer, .transitionOnly)
            } else {
                problem(pointer, .unknownField)
            }
        }
    }

    mutating func object(_ value: JSONValue?, at pointer: String) -> JSONObject? {
        guard let value, value != .null else { return nil }
        guard case .object(let object) = value else { return mismatch(value, "object", at: pointer) }
        return object
    }

    mutating func string(_ value: JSONValue?, at pointer: String) -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value else { return mismatch(value, "string", at: pointer) }
        return text
    }

    mutating func bool(_ value: JSONValue?, at pointer: String) -> Bool? {
        guard let value, value != .null else { return nil }
        guard case .bool(let flag) = value else { return mismatch(value, "boolean", at: pointer) }
        return flag
    }

    mutating func int(_ value: JSONValue?, at pointer: String, range: ClosedRange<Int>) -> Int? {
        guard let value, value != .null else { return nil }
        guard case .number(let text) = value else { return mismatch(value, "integer", at: pointer) }
        guard let number = JSONValue.integer(text) else {
            problem(pointer, .notAnInteger(minimum: range.lowerBound, maximum: range.upperBound))
            return nil
        }
        guard range.contains(number) else {
            problem(pointer, .outOfRange(minimum: range.lowerBound, maximum: range.upperBound))
            return nil
        }
        return number
    }

    mutating func date(_ value: JSONValue?, at pointer: String) -> LocalDate? {
        guard let text = string(value, at: pointer) else { return nil }
        // Years before 1000 cannot be stored (case numbers and the database have four-digit years).
        guard let date = LocalDate(text), date.year >= 1000 else {
            problem(pointer, .notADate)
            return nil
        }
        return date
    }

    mutating func code<C: Code>(_ value: JSONValue?, at pointer: String, as type: C.Type) -> C? {
        guard let text = string(value, at: pointer) else { return nil }
        guard let code = C(rawValue: text) else {
            problem(pointer, .notInKodverk(kodverk: C.listName, allowed: C.allCodes))
            return nil
        }
        return code
    }

    mutating func array(_ value: JSONValue?, at pointer: String, maxCount: Int = 1000) -> [JSONValue]? {
        guard let value, value != .null else { return nil }
        guard case .array(let items) = value else { return mismatch(value, "array", at: pointer) }
        guard items.count <= maxCount else {
            problem(pointer, .tooMany(maxItems: maxCount))
            return nil
        }
        return items
    }

    mutating func codes<C: Code>(_ value: JSONValue?, at pointer: String, as type: C.Type) -> [C]? {
        guard let items = array(value, at: pointer, maxCount: C.allCases.count * 2) else { return nil }
        let codes = items.enumerated().map { code($1, at: "\(pointer)/\($0)", as: C.self) }
        return codes.contains(where: { $0 == nil }) ? nil : codes.compactMap { $0 }
    }

    mutating func measures(_ value: JSONValue?, at pointer: String) -> [MeasureDraft]? {
        guard let items = array(value, at: pointer, maxCount: 100) else { return nil }
        return items.enumerated().compactMap { index, item in
            let at = "\(pointer)/\(index)"
            guard let object = object(item, at: at) else {
                if item == .null {
                    problem(at, .wrongType(expected: "object", actual: "null"), detail: "must be an object")
                }
                return nil
            }
            checkKeys(object, allowed: ["description", "responsible", "dueOn", "doneOn"], at: at)
            return MeasureDraft(description: string(object["description"], at: at + "/description"),
                                responsible: string(object["responsible"], at: at + "/responsible"),
                                dueOn: date(object["dueOn"], at: at + "/dueOn"),
                                doneOn: date(object["doneOn"], at: at + "/doneOn"))
        }
    }

    /// `expected` is a JSON Schema type name (`string`, `boolean`, `integer`, `object`, `array`).
    private mutating func mismatch<T>(_ value: JSONValue, _ expected: String, at pointer: String) -> T? {
        problem(pointer, .wrongType(expected: expected, actual: value.typeName))
        return nil
    }
}
