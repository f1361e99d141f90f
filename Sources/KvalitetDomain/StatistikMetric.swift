/// A count a dashboard can chart (`GET /api/v1/statistik`): one family's metric, added up from one
/// of the kvalitetsberättelse's running sums (`ReportMetric`), never from the records. Named
/// `family.name` (`avvikelse.avslutade`). The one table of what the statistics offer.
public struct StatistikMetric: Sendable, Hashable {
    public let family: RecordFamily
    /// The metric's name within its family (Swedish, ASCII).
    public let name: String
    /// The Swedish label a dashboard or `?labels=sv` shows.
    public let label: String
    /// The running sum it reads; each of its sums counts one record (or, for amounts, the amount). Being
    /// listed here keeps that sum by day and month too (`ReportMetric.grains`), so every metric can be
    /// cut by month, quarter or year over any period.
    public let sums: ReportMetric

    /// `family.name`, as the `metric` parameter and the answer name it.
    public var id: String { family.rawValue + "." + name }

    public static let all: [StatistikMetric] = [
        .init(.avvikelse, "mottagna", "Mottagna avvikelser", .avvikelseReceived),
        .init(.avvikelse, "avslutade", "Avslutade avvikelser", .avvikelseClosed),
        .init(.klagomal, "mottagna", "Mottagna klagomål och synpunkter", .klagomalReceived),
        .init(.klagomal, "avslutade", "Avslutade klagomål och synpunkter", .klagomalClosedSubject),
        .init(.lexSarah, "rapporterade", "Rapporterade lex Sarah-ärenden", .lexSarahReported),
        .init(.lexSarah, "avslutade", "Avslutade lex Sarah-ärenden", .lexSarahClosed),
        .init(.lexSarah, "behandlade", "Lex Sarah behandlade av nämnden", .lexSarahTreated),
        .init(.lexSarah, "anmalda_ivo", "Lex Sarah anmälda till IVO", .lexSarahReportedToIvo),
        .init(.riskanalys, "genomforda", "Genomförda riskanalyser", .riskanalysDone),
        .init(.riskanalys, "hoga_risker", "Höga och mycket höga risker", .riskanalysHighRisks),
        .init(.egenkontroll, "genomforda", "Genomförda egenkontroller", .egenkontrollDone),
        .init(.egenkontroll, "med_brister", "Egenkontroller med brister", .egenkontrollDeficient),
        .init(.tillsynsbeslut, "beslut", "Tillsynsbeslut", .tillsynCase),
    ]

    public static func named(_ id: String) -> StatistikMetric? { all.first { $0.id == id } }

    private init(_ family: RecordFamily, _ name: String, _ label: String, _ sums: ReportMetric) {
        self.family = family
        self.name = name
        self.label = label
        self.sums = sums
    }
}

/// How a statistics period is cut: by calendar month, quarter or year (Swedish local dates).
public enum StatistikInterval: String, Sendable, CaseIterable {
    case month, quarter, year

    /// Months per bucket.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }

    /// The first day of the bucket `date` falls in.
    public func start(of date: LocalDate) -> LocalDate {
        let month = (date.month - 1) / months * months + 1
        return LocalDate(year: date.year, month: month, day: 1)!
    }

    /// The bucket's name: `2025-03`, `2025-Q1` or `2025`.
    public func name(of start: LocalDate) -> String {
        switch self {
        case .month: ReportGrain.month.period(of: start)
        case .quarter: "\(start.year)-Q\((start.month - 1) / 3 + 1)"
        case .year: String(start.year)
        }
    }
}

/// One bucket of a series: its name and the days it covers (the first and last bucket may be cut
/// short by the requested period).
public struct StatistikPeriod: Sendable, Equatable {
    public let name: String
    public let from: LocalDate
    public let to: LocalDate

    public init(name: String, from: LocalDate, to: LocalDate) {
        self.name = name
        self.from = from
        self.to = to
    }

    /// The buckets of `interval` covering `from`…`to`, in order.
    public static func cut(from: LocalDate, to: LocalDate, by interval: StatistikInterval) -> [StatistikPeriod] {
        var periods: [StatistikPeriod] = []
        var start = interval.start(of: from)
        while start <= to {
            let next = start.adding(months: interval.months)
            let last = LocalDate(dayNumber: next.dayNumber - 1)
            periods.append(.init(name: interval.name(of: start), from: max(start, from), to: min(last, to)))
            start = next
        }
        return periods
    }
}
