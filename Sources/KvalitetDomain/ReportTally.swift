/// What the kvalitetsberättelse counts, each on the date a record counts on. A record contributes
/// tallies; the store keeps their running sums per day, month and year, so a report adds up a few
/// hundred sums instead of visiting the year's records.
public enum ReportMetric: String, Sendable, CaseIterable {
    /// Received, on the date received (4.1). Klagomål keyed by source.
    case klagomalReceived = "kl.received", avvikelseReceived = "avv.received"
    /// Lex Sarah reports on their report date: received (4.1) and the start of "open at year end".
    case lexSarahReported = "ls.reported"
    /// Closed lex Sarah reports, on the later of report and closing date (open = reported − closed).
    case lexSarahClosed = "ls.closed"
    /// Treated by the committee as a missförhållande or risk of one, keyed by assessment; its kinds
    /// (a report once in each of its kinds) and root causes.
    case lexSarahTreated = "ls.treated", lexSarahTreatedKind = "ls.treated.kind",
        lexSarahTreatedCause = "ls.treated.cause"
    case lexSarahReportedToIvo = "ls.ivo"
    /// An investigation overdue to IVO from the day after its two months, until the day it was sent.
    case lexSarahOverdueFrom = "ls.overdue.from", lexSarahOverdueUntil = "ls.overdue.until"
    /// Closed in the analysis period (4.2).
    case avvikelseClosed = "avv.closed", avvikelseClosedCause = "avv.closed.cause"
    case klagomalClosedSubject = "kl.closed.subject", klagomalClosedOutcome = "kl.closed.outcome",
        klagomalClosedSubmitter = "kl.closed.submitter"
    /// Performed risk analyses (4.3), keyed by trigger and documented ("1" or "0"); their high risks as the amount.
    case riskanalysDone = "ra.done", riskanalysHighRisks = "ra.high"
    /// Performed self-inspections (4.4), keyed by area and method; the other four are amounts.
    case egenkontrollDone = "ek.done", egenkontrollDocumented = "ek.documented", egenkontrollDeficient = "ek.deficient",
        egenkontrollOffered = "ek.offered", egenkontrollResponses = "ek.responses"
    /// Supervision decisions (5), keyed by authority and case number: per case, its decisions (so the
    /// cases are the rows), and its decisions that found deficiencies.
    case tillsynCase = "ts.case", tillsynDeficientCase = "ts.case.deficient"
    /// Handling times in days (the key), on the closing date.
    case avvikelseHandlingDays = "avv.days", klagomalHandlingDays = "kl.days", lexSarahHandlingDays = "ls.days"
}

extension ReportMetric {
    /// The grains its sums are kept at. Figures over calendar years (received, risk analyses,
    /// supervision, handling times, "open at year end") need only year sums; the analysis period and
    /// "overdue as of today" can start and end on any day, and every metric a dashboard charts
    /// (`StatistikMetric`) is cut by month or quarter over any period, so those keep all three.
    public var grains: [ReportGrain] { Self.keptByDay.contains(self) ? ReportGrain.allCases : [.year] }

    /// The metrics summed by day and month as well as by year.
    static let keptByDay: Set<ReportMetric> = Set(StatistikMetric.all.map(\.sums)).union([
        .lexSarahTreated, .lexSarahTreatedKind, .lexSarahTreatedCause, .lexSarahOverdueFrom, .lexSarahOverdueUntil,
        .avvikelseClosed, .avvikelseClosedCause, .klagomalClosedSubject, .klagomalClosedOutcome,
        .klagomalClosedSubmitter,
    ])
}

extension ReportMetric {
    /// Whether the store also keeps this metric's sums for the whole organisation, without units
    /// (`report_totals`): true for every metric whose codes a whole-organisation report reads
    /// without a unit breakdown. Received figures (by area) and closed avvikelser (by unit and
    /// category) are read per unit only.
    public var hasTotals: Bool {
        switch self {
        case .klagomalReceived, .avvikelseReceived, .avvikelseClosed: return false
        default: return true
        }
    }
}

/// What a tally is classified by: none, one code (a category, a cause, a number of days), or two
/// (a trigger and whether documented, an area and a method, an authority and a case number).
public struct TallyKey: Hashable, Sendable {
    public let parts: [String]

    public init(_ parts: String...) { self.parts = parts }
    public init(parts: [String]) { self.parts = parts }

    public static let none = TallyKey(parts: [])

    /// The part at `index`, or "" when the key has fewer.
    public subscript(index: Int) -> String { index < parts.count ? parts[index] : "" }
}

extension ReportMetric {
    /// How many parts this metric's keys have.
    public var keyParts: Int {
        switch self {
        case .lexSarahReported, .lexSarahClosed, .lexSarahReportedToIvo, .lexSarahOverdueFrom, .lexSarahOverdueUntil,
            .avvikelseReceived, .riskanalysHighRisks, .egenkontrollDocumented, .egenkontrollDeficient,
            .egenkontrollOffered, .egenkontrollResponses:
            return 0
        case .riskanalysDone, .egenkontrollDone, .tillsynCase, .tillsynDeficientCase:
            return 2
        default:
            return 1
        }
    }
}

/// One counted thing: a metric on a date, for a unit (or a multi-unit record's units, sorted and
/// joined by ","), with its classification.
public struct ReportTally: Hashable, Sendable {
    public let metric: ReportMetric
    public let date: LocalDate
    public let units: String
    public let key: TallyKey

    public init(_ metric: ReportMetric, on date: LocalDate, units: String, key: TallyKey = .none) {
        self.metric = metric
        self.date = date
        self.units = units
        self.key = key
    }

    /// How a multi-unit record is filed: its distinct units, sorted, joined by ",".
    public static func unitsKey(_ units: [String]) -> String { Set(units).sorted().joined(separator: ",") }

    /// What changes in the sums when a record goes from `before` to `after`; unchanged tallies cancel.
    public static func delta(from before: [ReportTally: Int], to after: [ReportTally: Int]) -> [ReportTally: Int] {
        var delta = after
        for (tally, amount) in before { delta[tally, default: 0] -= amount }
        return delta.filter { $0.value != 0 }
    }

    /// The organisation's part of a change: the tallies of metrics with totals, units left out
    /// (""), so that a record moving between units changes no total.
    public static func totals(of delta: [ReportTally: Int]) -> [ReportTally: Int] {
        var totals: [ReportTally: Int] = [:]
        for (tally, amount) in delta where tally.metric.hasTotals {
            totals[ReportTally(tally.metric, on: tally.date, units: "", key: tally.key), default: 0] += amount
        }
        return totals.filter { $0.value != 0 }
    }
}

/// The granularity a running sum is kept at.
public enum ReportGrain: String, Sendable, CaseIterable {
    case year = "y", month = "m", day = "d"

    public func period(of date: LocalDate) -> String {
        let text = date.description
        switch self {
        case .year: return String(text.prefix(4))
        case .month: return String(text.prefix(7))
        case .day: return text
        }
    }
}

/// A closed date range cut into whole years, whole months and single days, so that it is the sum of
/// as few running sums as possible: 2025-06-01…2026-05-31 is twelve month rows per unit and code.
public struct ReportRange: Sendable, Equatable {
    public struct Piece: Sendable, Equatable {
        public let grain: ReportGrain
        public let from: String
        public let to: String
    }

    public let pieces: [Piece]

    /// The earliest date the service stores (validation refuses dates before year 1000).
    public static let beginning = LocalDate(year: 1000, month: 1, day: 1)!

    public init(from: LocalDate, to: LocalDate) {
        var pieces: [Piece] = []
        func add(_ grain: ReportGrain, _ first: String, _ last: String) {
            // Month pieces either side of a new year join into one range ('2024-06'…'2025-05').
            if let previous = pieces.last, previous.grain == grain, grain != .year {
                pieces[pieces.count - 1] = Piece(grain: grain, from: previous.from, to: last)
            } else {
                pieces.append(Piece(grain: grain, from: first, to: last))
            }
        }
        let endsYear = to.month == 12 && to.day == 31
        let endsMonth = to.day == LocalDate.daysIn(month: to.month, year: to.year)
        // The last whole year and the last whole month inside the range, as year*12 + month-1.
        let lastWholeYear = endsYear ? to.year : to.year - 1
        let lastWholeMonth = to.year * 12 + to.month - 1 - (endsMonth ? 0 : 1)
        var current = from
        while current <= to {
            let month = current.year * 12 + current.month - 1
            if current.month == 1, current.day == 1, lastWholeYear >= current.year {
                add(.year, String(current.year), String(lastWholeYear))
                current = LocalDate(year: lastWholeYear + 1, month: 1, day: 1)!
            } else if current.day == 1, lastWholeMonth >= month {
                // Whole months to the year's end at most, so that a whole year after it is one year sum.
                let last = min(lastWholeMonth, current.year * 12 + 11)
                let lastDate = LocalDate(year: last / 12, month: last % 12 + 1, day: 1)!
                add(.month, ReportGrain.month.period(of: current), ReportGrain.month.period(of: lastDate))
                current = lastDate.adding(months: 1)
            } else {
                let monthEnd = LocalDate(
                    year: current.year, month: current.month,
                    day: LocalDate.daysIn(month: current.month, year: current.year))!
                let last = min(to, monthEnd)
                add(.day, current.description, last.description)
                current = LocalDate(dayNumber: last.dayNumber + 1)
            }
        }
        self.pieces = pieces
    }

    /// Everything up to and including `date`.
    public static func through(_ date: LocalDate) -> ReportRange { ReportRange(from: beginning, to: date) }
}
