import KvalitetDomain

/// Decoding of the shapes the later record families add: string lists, nested objects and risks.
extension WireDecoder {
    /// A list of strings (`unitIds`, `participants`); nil when any item is not a string.
    mutating func strings(_ value: JSONValue?, at pointer: String, maxCount: Int = 100) -> [String]? {
        guard let items = array(value, at: pointer, maxCount: maxCount) else { return nil }
        let strings = items.enumerated().map { string($1, at: "\(pointer)/\($0)") ?? nilItem($1, at: "\(pointer)/\($0)") }
        return strings.contains(where: { $0 == nil }) ? nil : strings.compactMap { $0 }
    }

    /// A nested object with only `allowed` members (a typo inside one must not be dropped either).
    mutating func nested(_ value: JSONValue?, at pointer: String, allowed: Set<String>, readOnly: Set<String> = []) -> JSONObject? {
        guard let object = object(value, at: pointer) else { return nil }
        checkKeys(object, allowed: allowed, readOnly: readOnly, at: pointer)
        return object
    }

    mutating func risks(_ value: JSONValue?, at pointer: String) -> [RiskDraft]? {
        guard let items = array(value, at: pointer, maxCount: 100) else { return nil }
        return items.enumerated().compactMap { index, item in
            let at = "\(pointer)/\(index)"
            guard let risk = nested(item, at: at, allowed: RiskWire.inputKeys, readOnly: RiskWire.computedKeys) else {
                if item == .null { problem(at, "must be an object") }
                return nil
            }
            return RiskDraft(description: string(risk["description"], at: at + "/description"),
                             probability: int(risk["probability"], at: at + "/probability", range: 1...4),
                             consequence: int(risk["consequence"], at: at + "/consequence", range: 1...4),
                             residualProbability: int(risk["residualProbability"], at: at + "/residualProbability", range: 1...4),
                             residualConsequence: int(risk["residualConsequence"], at: at + "/residualConsequence", range: 1...4),
                             measures: measures(risk["measures"], at: at + "/measures"))
        }
    }

    private mutating func nilItem(_ value: JSONValue, at pointer: String) -> String? {
        if value == .null { problem(pointer, "must be a string, not null") }
        return nil
    }
}

/// One risk on the wire, with its risk value and level computed from the configured thresholds.
enum RiskWire {
    static let inputKeys: Set<String> = ["description", "probability", "consequence", "residualProbability", "residualConsequence", "measures"]
    static let computedKeys: Set<String> = ["riskValue", "level", "residualRiskValue", "residualLevel"]

    static func json(_ risk: Risk, _ context: WireContext) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("description", .string(risk.description)), ("probability", .int(risk.probability)),
            ("consequence", .int(risk.consequence)), ("residualProbability", risk.residualProbability.map(JSONValue.int) ?? .null),
            ("residualConsequence", risk.residualConsequence.map(JSONValue.int) ?? .null),
            ("measures", .array(risk.measures.map(\.json))),
        ]
        if context.annotated {
            let levels = context.settings.riskLevels
            members += [
                ("riskValue", .int(risk.value)), ("level", .string(levels.level(of: risk.value).rawValue)),
                ("residualRiskValue", risk.residualValue.map(JSONValue.int) ?? .null),
                ("residualLevel", risk.residualValue.map { .string(levels.level(of: $0).rawValue) } ?? .null),
            ]
        }
        return .object(JSONObject(members))
    }
}
