/// The arithmetic of the report's lex Sarah figures that are differences of running sums: storage
/// only fetches sums (`sum` of a metric over a range); the rules are stated here.
public enum LexSarahCounting {
    /// Open at year end: reported up to and including the year's last day, minus closed by then.
    public static func openAtYearEnd(_ yearEnd: LocalDate,
                                     sum: (ReportMetric, ReportRange) throws -> Int) rethrows -> Int {
        let through = ReportRange.through(yearEnd)
        return try sum(.lexSarahReported, through) - sum(.lexSarahClosed, through)
    }

    /// Overdue to IVO on `asOf` under the local follow-up routine: the reports whose overdue days
    /// began by then, minus those whose investigation was sent by then.
    public static func overdue(asOf: LocalDate, sum: (ReportMetric, ReportRange) throws -> Int) rethrows -> Int {
        let through = ReportRange.through(asOf)
        return try sum(.lexSarahOverdueFrom, through) - sum(.lexSarahOverdueUntil, through)
    }
}
