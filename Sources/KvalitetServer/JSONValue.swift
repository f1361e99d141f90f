/// A JSON document as the service reads and writes it: ordered objects, numbers kept as written.
///
/// The service parses JSON itself (rather than with `JSONDecoder`) to report every problem with a
/// pointer, to refuse duplicate keys and unknown fields, and to write explicit `null`s.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    static func double(_ value: Double) -> JSONValue { .number(value.isFinite ? String(value) : "0") }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func optional(_ value: CustomStringConvertible?) -> JSONValue {
        value.map { .string($0.description) } ?? .null
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON object that keeps its members in order.
struct JSONObject: Equatable, Sendable {
    private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    init() {}

    init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var members: [(key: String, value: JSONValue)] { keys.map { ($0, values[$0]!) } }
    var isEmpty: Bool { keys.isEmpty }
}

/// Escapes a key for use in a JSON pointer (RFC 6901).
func pointerEscape(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

extension JSONValue {
    /// The integer a JSON number (as written: `text`) stands for, when it stands for one. JSON Schema
    /// 2020-12, which OpenAPI 3.1 uses, counts any number with a zero fractional part as an integer:
    /// `2`, `2.0`, `2.50e1`, `200e-2`, `-0` are integers; `2.5` and values beyond `Int` are nil.
    /// `scale` reads the number × 10^scale instead: `integer("67.25", scale: 2)` is 6725 (hundredths).
    static func integer(_ text: String, scale: Int = 0) -> Int? {
        if scale == 0, let value = Int(text) { return value }
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let written = rest[rest.index(after: e)...]
            // An exponent beyond ±2^40 (a body holds far fewer digits) cannot shift a non-zero number into
            // range, nor a zero out of it; clamped there, the arithmetic below cannot overflow.
            let limit = 1 << 40
            exponent = min(max(Int(written) ?? (written.hasPrefix("-") ? -limit : limit), -limit), limit)
            rest = rest[..<e]
        }
        exponent += scale
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard (whole + fraction).allSatisfy(\.isASCII), (whole + fraction).allSatisfy(\.isNumber) else { return nil }
        var digits = String(whole + fraction).drop { $0 == "0" }
        if digits.isEmpty { return 0 }
        // value = digits × 10^shift
        let shift = exponent - fraction.count
        if shift < 0 {
            guard -shift < digits.count, digits.suffix(-shift).allSatisfy({ $0 == "0" }) else { return nil }
            digits = digits.dropLast(-shift)
        } else {
            guard shift <= 19 else { return nil }
            digits += String(repeating: "0", count: shift)
        }
        return Int((negative ? "-" : "") + digits)
    }
}
