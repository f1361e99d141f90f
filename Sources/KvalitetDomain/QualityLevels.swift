/// One level's closed range of values, both ends included.
public struct QualityRange: Sendable, Equatable, Codable {
    public let min: FixedDecimal
    public let max: FixedDecimal

    public init(min: FixedDecimal, max: FixedDecimal) {
        self.min = min
        self.max = max
    }
}

/// The three decided ranges of a key figure, and the one rule for which level a value is at.
///
/// Precision: bounds and values may have up to two decimals. The levels' *precision* is the finest
/// step their six bounds use (1, 0.1 or 0.01). Adjacent ranges must meet exactly one step apart
/// (whole numbers: 75 → 76; one decimal: 75.9 → 76.0), so nothing falls between them at that
/// precision. A value finer than the levels (75.4 against whole-number levels) is rounded half away
/// from zero to the levels' precision before it is placed (75.4 → 75 rod, 75.5 → 76 gul), the way a
/// report rounds it when it is printed next to the levels.
public struct QualityLevels: Sendable, Equatable, Codable {
    public let rod: QualityRange
    public let gul: QualityRange
    public let gron: QualityRange

    public init(rod: QualityRange, gul: QualityRange, gron: QualityRange) {
        self.rod = rod
        self.gul = gul
        self.gron = gron
    }

    public func range(_ level: QualityLevel) -> QualityRange {
        switch level {
        case .rod: rod
        case .gul: gul
        case .gron: gron
        }
    }

    /// The step between adjacent ranges, in hundredths: 100, 10 or 1.
    public var stepHundredths: Int {
        let decimals = QualityLevel.allCases.flatMap { [range($0).min.decimals, range($0).max.decimals] }.max() ?? 0
        return decimals == 0 ? 100 : decimals == 1 ? 10 : 1
    }

    /// Lowest values first: red is lowest when higher is better, highest when lower is better.
    public static func ascending(_ direction: NyckeltalDirection) -> [QualityLevel] {
        direction == .higherIsBetter ? [.rod, .gul, .gron] : [.gron, .gul, .rod]
    }

    /// Every problem, under `base` (`/qualityLevels`): min ≤ max, the order the direction asks for,
    /// no overlap, and no gap wider than the levels' precision.
    public func problems(direction: NyckeltalDirection, at base: String = "/qualityLevels") -> [FieldProblem] {
        var problems = ProblemList()
        for level in QualityLevel.allCases where range(level).min > range(level).max {
            problems.add(
                "\(base)/\(level.rawValue)/min", .exceeds(other: "max", value: "\(range(level).max)"),
                detail: "must not be greater than max (\(range(level).max))")
        }
        guard problems.isEmpty else { return problems.problems }
        let order = Self.ascending(direction)
        let step = stepHundredths
        for (lower, upper) in zip(order, order.dropFirst()) {
            let below = range(lower), above = range(upper)
            let pointer = "\(base)/\(upper.rawValue)/min"
            let distance = above.min.hundredths - below.max.hundredths
            if above.max <= below.max || above.min < below.min {
                problems.add(
                    pointer, .notAbove(other: lower.rawValue, direction: direction.rawValue),
                    detail: "\(upper.rawValue) must lie above \(lower.rawValue) "
                        + "when the direction is \(direction.rawValue)")
            } else if distance <= 0 {
                problems.add(pointer, .overlaps(other: lower.rawValue, value: "\(below.max)"))
            } else if distance > step {
                let expected = FixedDecimal(hundredths: below.max.hundredths + step)
                problems.add(
                    pointer, .gap(other: lower.rawValue, value: "\(below.max)", expected: "\(expected)"))
            }
        }
        return problems.problems
    }

    /// The level `value` is at, or nil outside every range.
    public func level(of value: FixedDecimal) -> QualityLevel? {
        let step = stepHundredths
        let magnitude = (abs(value.hundredths) + step / 2) / step * step
        let rounded = FixedDecimal(hundredths: value.hundredths < 0 ? -magnitude : magnitude)
        return QualityLevel.allCases.first { range($0).min <= rounded && rounded <= range($0).max }
    }
}
