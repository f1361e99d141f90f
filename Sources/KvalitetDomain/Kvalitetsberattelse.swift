/// What a kvalitetsberättelse is asked for: a calendar year, optionally one unit's subtree, and the
/// analysis period (by default 1 June of the year before to 31 May of the year).
public struct ReportRequest: Sendable, Equatable {
    public let year: Int
    public let unitId: String?
    public let analysisFrom: LocalDate
    public let analysisTo: LocalDate

    public init(year: Int, unitId: String?, analysisFrom: LocalDate? = nil, analysisTo: LocalDate? = nil) {
        self.year = year
        self.unitId = unitId
        self.analysisFrom = analysisFrom ?? LocalDate(year: year - 1, month: 6, day: 1)!
        self.analysisTo = analysisTo ?? LocalDate(year: year, month: 5, day: 31)!
    }

    public var yearStart: LocalDate { LocalDate(year: year, month: 1, day: 1)! }
    public var yearEnd: LocalDate { LocalDate(year: year, month: 12, day: 31)! }
    /// The five years the series cover, ending with `year`.
    public var seriesYears: ClosedRange<Int> { (year - 4)...year }

    public static let years = 1900...9998

    public static func validate(year: Int?, analysisFrom: LocalDate?, analysisTo: LocalDate?) -> [FieldProblem] {
        var problems = ProblemList()
        if let year, !years.contains(year) {
            problems.add(
                "year", .outOfRange(minimum: years.lowerBound, maximum: years.upperBound),
                detail: "must be a year from \(years.lowerBound) to \(years.upperBound)")
        }
        if let from = analysisFrom, let to = analysisTo, to < from {
            problems.add("analysisTo", .before(other: "analysisFrom", value: "\(from)"),
            detail: "must not be before analysisFrom")
        }
        return problems.problems
    }
}

/// A count per year.
public struct YearCount: Sendable, Equatable {
    public let year: Int
    public let count: Int
    public init(year: Int, count: Int) { self.year = year; self.count = count }
}

/// A count per code of some code list.
public struct CodeCount: Sendable, Equatable {
    public let code: String
    public let count: Int
    public init(code: String, count: Int) { self.code = code; self.count = count }
}

/// How records were received: the year, the one before, five years, and five years per area.
public struct ReceivedFigure: Sendable, Equatable {
    public let count: Int
    public let previousYear: Int
    public let series: [YearCount]
    /// Per *verksamhetsområde* (nil: units without an area), sorted by the year's count.
    public let byArea: [(area: String?, series: [YearCount])]

    public init(count: Int, previousYear: Int, series: [YearCount], byArea: [(area: String?, series: [YearCount])]) {
        self.count = count
        self.previousYear = previousYear
        self.series = series
        self.byArea = byArea
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && lhs.previousYear == rhs.previousYear && lhs.series == rhs.series
            && lhs.byArea.map(\.area) == rhs.byArea.map(\.area) && lhs.byArea.map(\.series) == rhs.byArea.map(\.series)
    }
}

/// The counting rules that are arithmetic rather than SQL, in one place.
public enum ReportRules {
    /// Sorted as every list of the report is: count descending, then code. Codes that did not
    /// occur are left out, except where a zero is itself the finding (`keepingZeros`: departments
    /// without a single risk analysis).
    public static func sorted(_ counts: [String: Int], keepingZeros: Bool = false) -> [CodeCount] {
        counts.filter { keepingZeros || $0.value > 0 }.map { CodeCount(code: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }

    /// Nearest-rank percentile: the value at rank ⌈p·n⌉ of the sorted values; nil without values.
    public static func nearestRank(_ values: [Int], percentile: Int) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, (percentile * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }

    /// The same nearest rank over a histogram (value → how many times it occurs).
    public static func nearestRank(histogram: [Int: Int], percentile: Int) -> Int? {
        let count = histogram.values.reduce(0, +)
        guard count > 0 else { return nil }
        let rank = max(1, (percentile * count + 99) / 100)
        var seen = 0
        for value in histogram.keys.sorted() {
            seen += histogram[value]!
            if seen >= rank { return value }
        }
        return nil
    }

    /// Responses over offered, to four decimals; nil when nobody was offered the survey.
    public static func responseRate(offered: Int, responses: Int) -> Double? {
        guard offered > 0 else { return nil }
        return (Double(responses) / Double(offered) * 10_000).rounded() / 10_000
    }

    /// A five-year series from counts by year, zeros where there were none.
    public static func series(_ counts: [Int: Int], years: ClosedRange<Int>) -> [YearCount] {
        years.map { YearCount(year: $0, count: counts[$0] ?? 0) }
    }

    /// Builds a received figure from counts by (area, year).
    public static func received(
        _ counts: [(area: String?, year: Int, count: Int)], request: ReportRequest
    ) -> ReceivedFigure {
        var total: [Int: Int] = [:]
        var perArea: [String?: [Int: Int]] = [:]
        for row in counts {
            total[row.year, default: 0] += row.count
            perArea[row.area, default: [:]][row.year, default: 0] += row.count
        }
        let byArea = perArea.map { (area: $0.key, series: series($0.value, years: request.seriesYears)) }
            .sorted { lhs, rhs in
                let left = lhs.series.last?.count ?? 0, right = rhs.series.last?.count ?? 0
                if left != right { return left > right }
                switch (lhs.area, rhs.area) {
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?): return a < b
                }
            }
        return ReceivedFigure(
            count: total[request.year] ?? 0, previousYear: total[request.year - 1] ?? 0,
            series: series(total, years: request.seriesYears), byArea: byArea)
    }
}
