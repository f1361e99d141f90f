/// What `GET /api/v1/statistik` is asked for: metrics, cut by an interval over a period of Swedish
/// local dates, for the whole organisation (within the actor's units) or a unit's subtree, and
/// optionally broken down by the unit's sub-units.
public struct StatistikRequest: Sendable, Equatable {
    public let metrics: [StatistikMetric]
    public let interval: StatistikInterval
    public let from: LocalDate
    public let to: LocalDate
    /// The subtree counted; nil: every unit the actor may see.
    public let unitId: String?
    /// One series per sub-unit of `unitId` (per top unit without one) beside the total.
    public let byUnit: Bool
    public let periods: [StatistikPeriod]

    static let dateForm = "must be YYYY, YYYY-MM or YYYY-MM-DD"

    /// The most buckets one answer holds (20 years by month).
    public static let maxPeriods = 240

    /// Builds a request from what the client sent (nil: not given), or (request nil) the problems,
    /// each with the parameter it concerns as pointer. `from`/`to` are `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`; without them the period is the last 12 months, 4 quarters or 5 years up to and
    /// including today's.
    public static func make(
        metrics names: [String]?, interval: StatistikInterval, from fromText: String?, to toText: String?,
        unitId: String?, byUnit: Bool, today: LocalDate
    ) -> (request: StatistikRequest?, problems: [FieldProblem]) {
        var problems = ProblemList()
        let from = fromText.flatMap { Self.date($0, end: false) }
        if fromText != nil, from == nil {
            problems.add("from", .invalidFormat(example: "2026-03"), detail: Self.dateForm)
        }
        let to = toText.flatMap { Self.date($0, end: true) }
        if toText != nil, to == nil { problems.add("to", .invalidFormat(example: "2026-03"), detail: Self.dateForm) }
        let lastDay =
            to ?? LocalDate(dayNumber: interval.start(of: today).adding(months: interval.months).dayNumber - 1)
        let defaultBuckets = interval == .year ? 5 : interval == .month ? 12 : 4
        // A default period reaches back at most to the first day dates may have (the year 1000).
        let firstDay =
            from ?? max(
                interval.start(of: lastDay).adding(months: -interval.months * (defaultBuckets - 1)),
                LocalDate(year: 1000, month: 1, day: 1)!)
        if firstDay > lastDay { problems.add("to", .before(other: "from", value: firstDay.description)) }
        let periods = firstDay > lastDay ? [] : StatistikPeriod.cut(from: firstDay, to: lastDay, by: interval)
        if periods.count > maxPeriods {
            problems.add(
                "from", .tooMany(maxItems: maxPeriods),
                detail: "the period holds \(periods.count) \(interval.rawValue)s; at most \(maxPeriods)")
        }
        var metrics: [StatistikMetric] = []
        if let names {
            for name in names {
                guard let metric = StatistikMetric.named(name) else {
                    problems.add(
                        "metric", .notInKodverk(kodverk: "StatistikMetric", allowed: StatistikMetric.all.map(\.id)),
                        detail: "unknown metric \(name); known: "
                            + StatistikMetric.all.map(\.id).joined(separator: ", "))
                    continue
                }
                if !metrics.contains(metric) { metrics.append(metric) }
            }
        } else {
            metrics = StatistikMetric.all
        }
        guard problems.isEmpty else { return (nil, problems.problems) }
        let request = StatistikRequest(
            metrics: metrics, interval: interval, from: firstDay, to: lastDay, unitId: unitId, byUnit: byUnit,
            periods: periods)
        return (request, [])
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from the year 1000 on: its first day, or with `end` its last.
    static func date(_ text: String, end: Bool) -> LocalDate? {
        let parsed: LocalDate?
        switch text.count {
        case 4: parsed = LocalDate(text + (end ? "-12-31" : "-01-01"))
        case 7:
            parsed = LocalDate(text + "-01").map { end ? LocalDate(dayNumber: $0.adding(months: 1).dayNumber - 1) : $0 }
        default: parsed = LocalDate(text)
        }
        guard let parsed, parsed.year >= 1000, parsed.year <= 9998 else { return nil }
        return parsed
    }

    private init(
        metrics: [StatistikMetric], interval: StatistikInterval, from: LocalDate, to: LocalDate, unitId: String?,
        byUnit: Bool, periods: [StatistikPeriod]
    ) {
        self.metrics = metrics
        self.interval = interval
        self.from = from
        self.to = to
        self.unitId = unitId
        self.byUnit = byUnit
        self.periods = periods
    }
}

/// The answer: one value per period for each series.
public struct Statistik: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public let metric: StatistikMetric
        /// The unit whose subtree the series counts; nil: everything the request covers.
        public let unitId: String?
        public let unitName: String?
        /// One count per period, in the request's order.
        public let values: [Int]

        public init(metric: StatistikMetric, unitId: String?, unitName: String?, values: [Int]) {
            self.metric = metric
            self.unitId = unitId
            self.unitName = unitName
            self.values = values
        }
    }

    public let request: StatistikRequest
    /// Per metric: its total first, then (with `byUnit`) one series per sub-unit.
    public let series: [Series]

    public init(request: StatistikRequest, series: [Series]) {
        self.request = request
        self.series = series
    }
}
