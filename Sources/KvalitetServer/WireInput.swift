import KvalitetDomain

/// A member of a JSON body as the domain's field tables read it (`FieldInput`): each read goes
/// through one shared `WireDecoder`, which collects a problem with its pointer for every wrong type,
/// unknown code or bad date.
final class WireInput: FieldInput {
    /// The decoder every input of one body reports to.
    final class Problems {
        var decoder = WireDecoder()
    }

    let value: JSONValue?
    let pointer: String
    let sink: Problems

    init(_ value: JSONValue?, at pointer: String, sink: Problems) {
        self.value = value
        self.pointer = pointer
        self.sink = sink
    }

    /// A whole body.
    static func root(_ object: JSONObject) -> WireInput { WireInput(.object(object), at: "", sink: Problems()) }

    var problems: [FieldProblem] { sink.decoder.problems }

    /// The domain's verdict on a draft with the wire's problems first; a wrongly typed value (absent
    /// from the draft) is reported once, not again as "is required" — nor is a list or object one of
    /// whose items was (`/kinds/1` is an unknown code: `/kinds` is not also "required").
    static func merge<T>(_ wireProblems: [FieldProblem], into result: Result<T,
                         DomainError>) throws(DomainError) -> T {
        switch result {
        case .success(let value):
            if !wireProblems.isEmpty { throw DomainError.invalid(wireProblems) }
            return value
        case .failure(.invalid(let domainProblems)):
            let reported = wireProblems.map(\.pointer)
            let repeated = { (pointer: String) in
                reported.contains { $0 == pointer || (!pointer.isEmpty && $0.hasPrefix(pointer + "/")) }
            }
            throw DomainError.invalid(wireProblems + domainProblems.filter { !repeated($0.pointer) })
        case .failure(let other):
            throw other
        }
    }

    func string() -> String? { sink.decoder.string(value, at: pointer) }
    func date() -> LocalDate? { sink.decoder.date(value, at: pointer) }
    func bool() -> Bool? { sink.decoder.bool(value, at: pointer) }
    func int(range: ClosedRange<Int>) -> Int? { sink.decoder.int(value, at: pointer, range: range) }
    func code<C: Code>(_ type: C.Type) -> C? { sink.decoder.code(value, at: pointer, as: type) }
    func codes<C: Code>(_ type: C.Type) -> [C]? { sink.decoder.codes(value, at: pointer, as: type) }
    func strings(maxCount: Int) -> [String]? { sink.decoder.strings(value, at: pointer, maxCount: maxCount) }
    func measures() -> [MeasureDraft]? { sink.decoder.measures(value, at: pointer) }
    var isNull: Bool { value == .null }
    func problem(_ rule: FieldRule, detail: String?) { sink.decoder.problem(pointer, rule, detail: detail) }

    func object(allowed: Set<String>, readOnly: Set<String>) -> (any FieldInput)? {
        guard let object = sink.decoder.nested(value, at: pointer, allowed: allowed,
                                               readOnly: readOnly) else { return nil }
        return WireInput(.object(object), at: pointer, sink: sink)
    }

    func items(maxCount: Int) -> [any FieldInput]? {
        guard let items = sink.decoder.array(value, at: pointer, maxCount: maxCount) else { return nil }
        return items.enumerated().map { WireInput($1, at: "\(pointer)/\($0)", sink: sink) }
    }

    func member(_ key: String) -> any FieldInput {
        guard case .object(let object)? = value else { return WireInput(nil, at: pointer + "/" + key, sink: sink) }
        return WireInput(object[key], at: pointer + "/" + pointerEscape(key), sink: sink)
    }
}
