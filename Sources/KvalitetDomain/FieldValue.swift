/// A field's value as every format shows it (a JSON member, a CSV cell): what a field table's rows
/// produce from a record, free of any one format. Dates are `YYYY-MM-DD` strings, codes their code.
public indirect enum FieldValue: Sendable, Equatable {
    case null
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([FieldValue])
    case object([FieldMember])

    public static func date(_ date: LocalDate?) -> FieldValue { date.map { .string($0.description) } ?? .null }
    public static func text(_ text: String?) -> FieldValue { text.map(FieldValue.string) ?? .null }
    public static func code<C: Code>(_ code: C?) -> FieldValue { code.map { .string($0.rawValue) } ?? .null }
    public static func codes<C: Code>(_ codes: [C]) -> FieldValue { .list(codes.map { .string($0.rawValue) }) }
    public static func texts(_ texts: [String]) -> FieldValue { .list(texts.map(FieldValue.string)) }
    public static func int(_ number: Int?) -> FieldValue { number.map(FieldValue.int) ?? .null }
    /// An object of `members` in order, or null when `present` is false (an absent nested part).
    public static func members(_ members: [(String, FieldValue)]) -> FieldValue {
        .object(members.map { FieldMember($0.0, $0.1) })
    }
}

/// One member of a shown object.
public struct FieldMember: Sendable, Equatable {
    public let key: String
    public let value: FieldValue

    public init(_ key: String, _ value: FieldValue) {
        self.key = key
        self.value = value
    }
}

/// One member of a client's body as a field table reads it. The reader (the server's JSON decoder)
/// reports every wrong type, unknown code or bad date under the member's JSON pointer and answers
/// nil for it; an absent member or `null` is nil without a problem.
public protocol FieldInput {
    func string() -> String?
    func date() -> LocalDate?
    func bool() -> Bool?
    func int(range: ClosedRange<Int>) -> Int?
    func code<C: Code>(_ type: C.Type) -> C?
    /// A list of codes (at most twice the list's length).
    func codes<C: Code>(_ type: C.Type) -> [C]?
    func strings(maxCount: Int) -> [String]?
    func measures() -> [MeasureDraft]?
    /// This member as a nested object with only `allowed` members (others are reported), or nil.
    func object(allowed: Set<String>, readOnly: Set<String>) -> (any FieldInput)?
    /// The items of a list (at most `maxCount`), each an input of its own, or nil.
    func items(maxCount: Int) -> [any FieldInput]?
    /// A member of this object (absent when this is not an object).
    func member(_ key: String) -> any FieldInput
    /// Whether the member was sent as an explicit `null`.
    var isNull: Bool { get }
    /// Reports a problem at this member's pointer.
    func problem(_ rule: FieldRule, detail: String?)
}

extension FieldInput {
    public func object(allowed: Set<String>) -> (any FieldInput)? { object(allowed: allowed, readOnly: []) }
}
