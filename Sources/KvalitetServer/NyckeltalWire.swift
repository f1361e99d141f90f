import Foundation
import KvalitetDomain

/// Key figures, values and analyses to and from JSON; every mapping of the family in one place.
enum NyckeltalWire {
    static let keys: Set<String> = [
        "code", "name", "description", "unit", "direction", "koladaKpi", "source", "qualityLevels",
    ]
    static let readOnlyKeys: Set<String> = ["version", "createdAt", "createdBy", "updatedAt", "voided"]

    /// Decodes and validates a definition; `code` comes from the path (a body `code` must match it).
    static func definition(_ object: JSONObject, code: String) throws -> Nyckeltal {
        var d = WireDecoder()
        d.checkKeys(object, allowed: keys, readOnly: readOnlyKeys)
        if let bodyCode = d.string(object["code"], at: "/code"), bodyCode != code {
            d.problem(
                "/code", .pathMismatch(path: String(code.prefix(32))),
                detail: "must match the code in the path (\(code.prefix(32)))")
        }
        for key in ["name", "unit", "direction", "qualityLevels"] where object[key] == nil || object[key] == .null {
            d.problem("/\(key)", .required)
        }
        let unit = d.code(object["unit"], at: "/unit", as: NyckeltalUnit.self)
        let direction = d.code(object["direction"], at: "/direction", as: NyckeltalDirection.self)
        let levels = qualityLevels(object["qualityLevels"], decoder: &d)
        let nyckeltal = Nyckeltal(
            code: code, name: d.string(object["name"], at: "/name") ?? "",
            description: d.string(object["description"], at: "/description") ?? "",
            unit: unit ?? .antal, direction: direction ?? .higherIsBetter,
            koladaKpi: d.string(object["koladaKpi"], at: "/koladaKpi"),
            source: d.string(object["source"], at: "/source") ?? "", qualityLevels: levels ?? placeholderLevels)
        let reported = Set(d.problems.map(\.pointer))
        // Range rules only make sense once the ranges and the direction were read.
        let own = nyckeltal.validate().filter { problem in
            !reported.contains(problem.pointer)
                && (levels != nil && direction != nil || !problem.pointer.hasPrefix("/qualityLevels"))
        }
        let problems = d.problems + own
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return nyckeltal
    }

    private static let placeholderLevels: QualityLevels = {
        let zero = QualityRange(min: FixedDecimal(hundredths: 0), max: FixedDecimal(hundredths: 0))
        return QualityLevels(rod: zero, gul: zero, gron: zero)
    }()

    private static func qualityLevels(_ value: JSONValue?, decoder d: inout WireDecoder) -> QualityLevels? {
        guard let object = d.object(value, at: "/qualityLevels") else { return nil }
        d.checkKeys(object, allowed: Set(QualityLevel.allCodes), at: "/qualityLevels")
        var ranges: [QualityLevel: QualityRange] = [:]
        for level in QualityLevel.allCases {
            let at = "/qualityLevels/\(level.rawValue)"
            guard let range = d.object(object[level.rawValue], at: at) else {
                if object[level.rawValue] == nil || object[level.rawValue] == .null {
                    d.problem(at, .required, detail: "is required: {\"min\": …, \"max\": …}")
                }
                continue
            }
            d.checkKeys(range, allowed: ["min", "max"], at: at)
            let min = d.fixed(range["min"], at: at + "/min", required: true)
            let max = d.fixed(range["max"], at: at + "/max", required: true)
            if let min, let max { ranges[level] = QualityRange(min: min, max: max) }
        }
        guard let rod = ranges[.rod], let gul = ranges[.gul], let gron = ranges[.gron] else { return nil }
        return QualityLevels(rod: rod, gul: gul, gron: gron)
    }

    static func number(_ value: FixedDecimal) -> JSONValue { .number(value.description) }

    static func range(_ range: QualityRange) -> JSONValue {
        .object(JSONObject([("min", number(range.min)), ("max", number(range.max))]))
    }

    static func json(_ stored: StoredNyckeltal) -> JSONValue {
        let n = stored.nyckeltal
        return .object(
            JSONObject([
                ("code", .string(n.code)), ("name", .string(n.name)), ("description", .string(n.description)),
                ("unit", .string(n.unit.rawValue)), ("direction", .string(n.direction.rawValue)),
                ("koladaKpi", .optional(n.koladaKpi)),
                ("source", .string(n.source)),
                (
                    "qualityLevels",
                    .object(JSONObject(QualityLevel.allCases.map { ($0.rawValue, range(n.qualityLevels.range($0))) }))
                ),
                ("version", .int(stored.version)), ("createdAt", .string(Timestamp.format(stored.createdAt))),
                ("createdBy", .string(stored.createdBy)), ("updatedAt", .string(Timestamp.format(stored.updatedAt))),
                (
                    "voided",
                    stored.voided.map {
                        .object(
                            JSONObject([
                                ("on", .string($0.on.description)), ("reason", .string($0.reason)),
                                ("by", .string($0.by)),
                            ]))
                    } ?? .null
                ),
            ]))
    }

    static func json(_ value: NyckeltalValue, levels: QualityLevels) -> JSONValue {
        .object(
            JSONObject([
                ("code", .string(value.code)), ("period", .string(value.period.description)),
                ("unitId", .optional(value.unitId)),
                ("value", number(value.value)), ("level", .optional(levels.level(of: value.value)?.rawValue)),
                ("version", .int(value.version)), ("updatedAt", .string(Timestamp.format(value.updatedAt))),
                ("updatedBy", .string(value.updatedBy)),
            ]))
    }

    static func json(_ stored: StoredAnalysis) -> JSONValue {
        let a = stored.analysis
        return .object(
            JSONObject([
                ("code", .string(stored.code)), ("period", .string(stored.period.description)),
                ("currentState", .string(a.currentState)), ("factors", .string(a.factors)),
                ("measures", .string(a.measures)),
                ("consequences", .string(a.consequences)), ("version", .int(stored.version)),
                ("updatedAt", .string(Timestamp.format(stored.changedAt))), ("updatedBy", .string(stored.changedBy)),
            ]))
    }

    static func json(_ value: KoladaValue) -> JSONValue {
        .object(
            JSONObject([
                ("period", .int(value.year)), ("municipality", .string(value.municipality)),
                ("scope", .optional(value.scope?.rawValue)), ("value", .double(value.value)),
                ("fetchedAt", .string(Timestamp.format(value.fetchedAt))),
            ]))
    }
}

extension WireDecoder {
    /// A number with at most two decimals (see `QualityLevels` for why two).
    mutating func fixed(_ value: JSONValue?, at pointer: String, required: Bool = false) -> FixedDecimal? {
        guard let value, value != .null else {
            if required { problem(pointer, .required) }
            return nil
        }
        guard case .number(let text) = value else {
            problem(pointer, .wrongType(expected: "number", actual: value.typeName))
            return nil
        }
        guard let hundredths = JSONValue.integer(text, scale: 2), abs(hundredths) <= FixedDecimal.limit else {
            problem(pointer, .tooManyDecimals(maxDecimals: 2))
            return nil
        }
        return FixedDecimal(hundredths: hundredths)
    }
}
