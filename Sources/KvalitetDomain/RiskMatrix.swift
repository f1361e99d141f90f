/// The level of a risk in the 4×4 matrix (*sannolikhet* × *konsekvens*).
public enum RiskLevel: String, Code {
    case lag, mattlig, hog, mycketHog = "mycket_hog"
    public static let listName = "riskniva"
    public var label: String {
        switch self {
        case .lag: "Låg"
        case .mattlig: "Måttlig"
        case .hog: "Hög"
        case .mycketHog: "Mycket hög"
        }
    }
}

/// Where the levels of the risk matrix begin: configuration, because municipalities draw the lines differently.
/// Each bound is the highest risk value of its level; anything above `hogMax` is mycket_hog.
public struct RiskLevels: Sendable, Equatable, CustomStringConvertible {
    public let lagMax: Int
    public let mattligMax: Int
    public let hogMax: Int

    /// The convention of API.md: lag 1–3, mattlig 4–6, hog 8–9, mycket_hog 12–16.
    public static let standard = RiskLevels(checked: (3, 6, 9))

    private init(checked bounds: (Int, Int, Int)) {
        (lagMax, mattligMax, hogMax) = bounds
    }

    /// nil unless 1 ≤ lagMax < mattligMax < hogMax < 16, so that every level can be reached.
    public init?(lagMax: Int, mattligMax: Int, hogMax: Int) {
        guard 1 <= lagMax, lagMax < mattligMax, mattligMax < hogMax, hogMax < 16 else { return nil }
        self.init(checked: (lagMax, mattligMax, hogMax))
    }

    /// Reads `3,6,9` (the highest value of lag, mattlig and hog), as `KVALITET_RISK_LEVELS` gives it.
    public static func parse(_ text: String) -> Result<RiskLevels, RiskLevelsError> {
        let parts = text.split(
            separator: ",",
            omittingEmptySubsequences: false
        ).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else {
            return .failure(RiskLevelsError(text: text))
        }
        guard
            let levels = RiskLevels(
                lagMax: a, mattligMax: b,
                hogMax: c)
        else { return .failure(RiskLevelsError(text: text)) }
        return .success(levels)
    }

    public func level(of value: Int) -> RiskLevel {
        if value <= lagMax { return .lag }
        if value <= mattligMax { return .mattlig }
        if value <= hogMax { return .hog }
        return .mycketHog
    }

    public var description: String { "\(lagMax),\(mattligMax),\(hogMax)" }
}

/// Why a risk-level setting was refused, phrased for whoever starts the service.
public struct RiskLevelsError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "risk levels must be three increasing whole numbers from 1 to 15, the highest risk value of lag, mattlig and "
            + "hog (default 3,6,9); got \(text)"
    }
}

/// Settings that shape how records are stored and shown, handed to the stores and the wire encoding.
public struct RecordSettings: Sendable, Equatable {
    public var riskLevels: RiskLevels
    /// The local routine for the lex Sarah investigation's follow-up to IVO.
    public var ivoFollowUp: IvoFollowUp

    public init(riskLevels: RiskLevels = .standard, ivoFollowUp: IvoFollowUp = .standard) {
        self.riskLevels = riskLevels
        self.ivoFollowUp = ivoFollowUp
    }
}

/// One risk of a risk analysis: the probability and consequence both kept, not just their product
/// (1×4 and 4×1 are very different risks), and the residual risk once the measures are taken.
public struct Risk: Codable, Sendable, Equatable {
    public var description: String
    public var probability: Int
    public var consequence: Int
    public var residualProbability: Int?
    public var residualConsequence: Int?
    public var measures: [Measure]

    public init(
        description: String, probability: Int, consequence: Int, residualProbability: Int? = nil,
        residualConsequence: Int? = nil, measures: [Measure] = []
    ) {
        self.description = description
        self.probability = probability
        self.consequence = consequence
        self.residualProbability = residualProbability
        self.residualConsequence = residualConsequence
        self.measures = measures
    }

    public var value: Int { probability * consequence }
    public var residualValue: Int? {
        guard let residualProbability, let residualConsequence else { return nil }
        return residualProbability * residualConsequence
    }
}

/// A risk as the client sent it.
public struct RiskDraft: Sendable, Equatable {
    public var description: String?
    public var probability: Int?
    public var consequence: Int?
    public var residualProbability: Int?
    public var residualConsequence: Int?
    public var measures: [MeasureDraft]?

    public init(
        description: String? = nil, probability: Int? = nil, consequence: Int? = nil,
        residualProbability: Int? = nil, residualConsequence: Int? = nil, measures: [MeasureDraft]? = nil
    ) {
        self.description = description
        self.probability = probability
        self.consequence = consequence
        self.residualProbability = residualProbability
        self.residualConsequence = residualConsequence
        self.measures = measures
    }

    static let scale = 1...4

    static func validate(_ drafts: [RiskDraft], today: LocalDate, into problems: inout ProblemList) -> [Risk] {
        if drafts.count > 100 { problems.add("/risks", .tooMany(maxItems: 100), detail: "at most 100 risks") }
        return drafts.enumerated().compactMap { index, draft in
            let at = "/risks/\(index)"
            if let description = problems.require(draft.description, at + "/description") {
                TextRules.check(
                    description, pointer: at + "/description", min: 1, max: TextRules.shortTextMax,
                    into: &problems)
            }
            for (value, name) in [
                (draft.probability, "probability"), (draft.consequence, "consequence"),
                (draft.residualProbability, "residualProbability"),
                (
                    draft.residualConsequence,
                    "residualConsequence"
                ),
            ] {
                if let value, !scale.contains(value) {
                    problems.add("\(at)/\(name)", .outOfRange(minimum: 1, maximum: 4))
                }
            }
            problems.require(draft.probability, at + "/probability")
            problems.require(draft.consequence, at + "/consequence")
            // Half a residual risk cannot be placed in the matrix.
            if (draft.residualProbability == nil) != (draft.residualConsequence == nil) {
                let (missing, other) = draft.residualProbability == nil
                    ? ("residualProbability", "residualConsequence") : ("residualConsequence", "residualProbability")
                problems.add(
                    "\(at)/\(missing)", .requiredWith(other: other),
                    detail: "is required when the other residual value is given")
            }
            let measures = MeasureDraft.validate(
                draft.measures ?? [], pointer: at + "/measures", today: today,
                into: &problems)
            guard let description = draft.description, let probability = draft.probability,
                let consequence = draft.consequence
            else { return nil }
            return Risk(
                description: description, probability: probability, consequence: consequence,
                residualProbability: draft.residualProbability, residualConsequence: draft.residualConsequence,
                measures: measures)
        }
    }
}

/// Risks in a body and as shown: each with its risk value and level from the configured thresholds.
extension RiskDraft {
    public static let inputKeys: Set<String> = [
        "description", "probability", "consequence", "residualProbability",
        "residualConsequence", "measures",
    ]
    public static let computedKeys: Set<String> = ["riskValue", "level", "residualRiskValue", "residualLevel"]

    /// The risks of a body; an item that is not an object is reported and left out.
    static func read(_ input: any FieldInput) -> [RiskDraft]? {
        guard let items = input.items(maxCount: 100) else { return nil }
        return items.compactMap { item in
            guard let risk = item.object(allowed: inputKeys, readOnly: computedKeys) else {
                if item.isNull {
                    item.problem(.wrongType(expected: "object", actual: "null"), detail: "must be an object")
                }
                return nil
            }
            return RiskDraft(
                description: risk.member("description").string(),
                probability: risk.member("probability").int(range: scale),
                consequence: risk.member("consequence").int(range: scale),
                residualProbability: risk.member("residualProbability").int(range: scale),
                residualConsequence: risk.member("residualConsequence").int(range: scale),
                measures: risk.member("measures").measures())
        }
    }
}

extension Risk {
    /// The risk as shown; with `context.annotated`, its values and levels.
    public func fieldValue(_ context: FieldContext) -> FieldValue {
        var members: [(String, FieldValue)] = [
            ("description", .string(description)), ("probability", .int(probability)),
            (
                "consequence",
                .int(consequence)
            ),
            ("residualProbability", .int(residualProbability)), ("residualConsequence", .int(residualConsequence)),
            ("measures", .list(measures.map(\.fieldValue))),
        ]
        if context.annotated {
            let levels = context.settings.riskLevels
            members += [
                ("riskValue", .int(value)), ("level", .code(levels.level(of: value))),
                ("residualRiskValue", .int(residualValue)),
                (
                    "residualLevel",
                    .code(residualValue.map(levels.level(of:)))
                ),
            ]
        }
        return .members(members)
    }
}
