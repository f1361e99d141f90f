import KvalitetDomain

/// Decoding of the bodies that subscribe to events: webhooks (`url`) and e-mail recipients (`address`).
extension WireDecoder {
    /// A subscription body: `target` names its member (`url` or `address`), which must be present and
    /// pass `check`; `eventKinds` a non-empty list of event kinds (repeats dropped); `unitId`
    /// optional. Throws every problem at once (422, with pointers); unknown members included.
    static func subscription(
        _ object: JSONObject, target: String, check: (String, String) -> FieldProblem?
    ) throws(DomainError) -> SubscriptionDraft {
        var d = WireDecoder()
        let pointer = "/" + target
        d.checkKeys(object, allowed: [target, "eventKinds", "unitId"])
        let text = d.string(object[target], at: pointer)
        if object[target] == nil || object[target] == .null { d.problem(pointer, .required) }
        if let text, let problem = check(text, pointer) {
            d.problem(problem.pointer, problem.rule, detail: problem.detail)
        }
        let kinds = d.eventKinds(object["eventKinds"], at: "/eventKinds")
        let unitId = d.string(object["unitId"], at: "/unitId")
        if !d.problems.isEmpty { throw DomainError.invalid(d.problems) }
        return SubscriptionDraft(target: text ?? "", eventKinds: kinds, unitId: unitId)
    }

    /// A required, non-empty list of event kinds, each known (`notInKodverk` at its index otherwise).
    mutating func eventKinds(_ value: JSONValue?, at pointer: String) -> [EventKind] {
        guard let items = array(value, at: pointer, maxCount: EventKind.allCases.count) else {
            if value == nil || value == .null { problem(pointer, .required) }
            return []
        }
        if items.isEmpty { problem(pointer, .tooFew(minItems: 1)) }
        var kinds: [EventKind] = []
        for (index, item) in items.enumerated() {
            guard let name = string(item, at: "\(pointer)/\(index)") else { continue }
            guard let kind = EventKind(rawValue: name) else {
                problem("\(pointer)/\(index)", .notInKodverk(kodverk: "EventKind", allowed: EventKind.allNames))
                continue
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}
