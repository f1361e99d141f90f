import GRDB
import KvalitetDomain

/// The report's figures, added up from the running sums (`report_counts` per unit, `report_totals`
/// for the whole organisation; see `ReportTallies`): the work is bounded by units × codes × months,
/// not by the number of records. Voided records never contributed; a scope is applied to each
/// sum's units, and a whole-organisation report reads the totals wherever it needs no units.
struct ReportSQL {
    let db: Database
    let scope: ReportScope
    let request: ReportRequest

    private var year: ReportRange { ReportRange(from: request.yearStart, to: request.yearEnd) }
    private var period: ReportRange { ReportRange(from: request.analysisFrom, to: request.analysisTo) }

    /// Sums of `metric` over `range` within the scope, by units and key.
    private func sums(
        _ metric: ReportMetric,
        _ range: ReportRange
    ) throws -> [(units: String, key: TallyKey, n: Int)] {
        try ReportCounts.sums(metric, over: range, in: db).filter { scope.includes($0.units) }
    }

    /// Sums by key within the scope; the whole organisation's from its totals.
    private func keySums(
        _ metric: ReportMetric,
        _ range: ReportRange
    ) throws -> [(units: String, key: TallyKey, n: Int)] {
        scope.units == nil ? try ReportCounts.sums(metric, over: range, by: .keys, in: db) : try sums(metric, range)
    }

    private func total(_ metric: ReportMetric, _ range: ReportRange) throws -> Int {
        try keySums(metric, range).reduce(0) { $0 + $1.n }
    }

    private func byKey(_ metric: ReportMetric, _ range: ReportRange) throws -> [String: Int] {
        try keySums(metric, range).reduce(into: [:]) { $0[$1.key[0], default: 0] += $1.n }
    }

    /// Sums by units (a unit, or a multi-unit record's units) within the scope, added up by SQLite.
    private func unitSums(
        _ metric: ReportMetric,
        _ range: ReportRange
    ) throws -> [(units: String, key: TallyKey, n: Int)] {
        try ReportCounts.sums(metric, over: range, by: .units, in: db).filter { scope.includes($0.units) }
    }

    /// Two-part keys: the sums by their first (0) or second (1) part.
    private func byPart(_ rows: [(units: String, key: TallyKey, n: Int)], _ position: Int) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1.key[position], default: 0] += $1.n }
    }

    // MARK: Received (4.1)

    func received() throws -> Kvalitetsberattelse.Received {
        let klagomal = try ReportCounts.yearly(.klagomalReceived, years: request.seriesYears, in: db)
        return Kvalitetsberattelse.Received(
            klagomalUtomstaende: receivedFigure(klagomal.filter { $0.key[0] == KlagomalSource.utomstaende.rawValue }),
            klagomalPersonal: receivedFigure(klagomal.filter { $0.key[0] == KlagomalSource.personal.rawValue }),
            kvalitetsavvikelser: receivedFigure(
                try ReportCounts.yearly(
                    .avvikelseReceived, years: request.seriesYears,
                    in: db)),
            lexSarah: receivedFigure(try ReportCounts.yearly(.lexSarahReported, years: request.seriesYears, in: db)))
    }

    private func receivedFigure(_ rows: [(year: Int, units: String, key: TallyKey, n: Int)]) -> ReceivedFigure {
        let counts = rows.filter { scope.includes($0.units) }.map { row in
            (area: scope.tree.effectiveArea(of: row.units), year: row.year, count: row.n)
        }
        return ReportRules.received(counts, request: request)
    }

    // MARK: Lex Sarah

    func lexSarah(asOf: LocalDate) throws -> Kvalitetsberattelse.LexSarahFigures {
        var byYear: [Int: Int] = [:]
        var serious = 0
        for row in try ReportCounts.yearly(
            .lexSarahTreated, years: request.seriesYears,
            organisation: scope.units == nil, in: db)
        where scope.includes(row.units) {
            byYear[row.year, default: 0] += row.n
            if row.year == request.year, LexSarahAssessment(rawValue: row.key[0])?.isSerious == true {
                serious += row.n
            }
        }
        let open = try LexSarahCounting.openAtYearEnd(request.yearEnd, sum: total)
        let overdue = try LexSarahCounting.overdue(asOf: asOf, sum: total)
        return .init(
            committeeTreated: byYear[request.year] ?? 0,
            committeeTreatedSeries: ReportRules.series(byYear, years: request.seriesYears),
            seriousOfCommitteeTreated: serious,
            reportedToIvo: try total(
                .lexSarahReportedToIvo,
                year), openAtYearEnd: open,
            investigationsOverdueToIvo: overdue)
    }

    // MARK: Analysis (4.2)

    func analysis() throws -> Kvalitetsberattelse.Analysis {
        var analysis = Kvalitetsberattelse.Analysis()
        let avvikelser = try sums(.avvikelseClosed, period)
        analysis.avvikelserClosed = avvikelser.reduce(0) { $0 + $1.n }
        analysis.avvikelserByCategory = ReportRules.sorted(
            avvikelser.reduce(into: [:]) { $0[$1.key[0], default: 0] += $1.n })
        var perUnit: [String: [String: Int]] = [:]
        for row in avvikelser { perUnit[row.units, default: [:]][row.key[0], default: 0] += row.n }
        analysis.avvikelserByUnit = perUnit.map { unit, categories in
            Kvalitetsberattelse.UnitCount(
                unitId: unit, count: categories.values.reduce(0, +),
                byCategory: ReportRules.sorted(categories))
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.unitId < $1.unitId }
        analysis.avvikelserByRootCause = ReportRules.sorted(try byKey(.avvikelseClosedCause, period))

        let subjects = try byKey(.klagomalClosedSubject, period)
        analysis.klagomalClosed = subjects.values.reduce(0, +)
        analysis.klagomalBySubject = ReportRules.sorted(subjects)
        analysis.klagomalByOutcome = ReportRules.sorted(try byKey(.klagomalClosedOutcome, period))
        analysis.klagomalBySubmitter = ReportRules.sorted(try byKey(.klagomalClosedSubmitter, period))

        let lexSarah = try byKey(.lexSarahTreated, period)
        analysis.lexSarahCommitteeTreated = lexSarah.values.reduce(0, +)
        analysis.lexSarahByKind = ReportRules.sorted(try byKey(.lexSarahTreatedKind, period))
        analysis.lexSarahByAssessment = ReportRules.sorted(lexSarah)
        analysis.lexSarahByRootCause = ReportRules.sorted(try byKey(.lexSarahTreatedCause, period))
        return analysis
    }

    // MARK: Risk analyses and self-inspections (4.3, 4.4)

    func riskanalyser() throws -> Kvalitetsberattelse.Riskanalyser {
        var figures = Kvalitetsberattelse.Riskanalyser()
        let rows = try keySums(.riskanalysDone, year)
        figures.count = rows.reduce(0) { $0 + $1.n }
        figures.documented = byPart(rows, 1)["1"] ?? 0
        figures.byTrigger = ReportRules.sorted(byPart(rows, 0))
        figures.highRisks = try total(.riskanalysHighRisks, year)
        let named = namedUnits(try unitSums(.riskanalysDone, year))
        figures.coverage = coverage(named)
        figures.byDepartment = byDepartment(named)
        return figures
    }

    func egenkontroller() throws -> Kvalitetsberattelse.Egenkontroller {
        var figures = Kvalitetsberattelse.Egenkontroller()
        let rows = try keySums(.egenkontrollDone, year)
        figures.count = rows.reduce(0) { $0 + $1.n }
        figures.documented = try total(.egenkontrollDocumented, year)
        figures.withDeficiencies = try total(.egenkontrollDeficient, year)
        figures.surveyOffered = try total(.egenkontrollOffered, year)
        figures.surveyResponses = try total(.egenkontrollResponses, year)
        figures.byArea = ReportRules.sorted(byPart(rows, 0))
        figures.byMethod = ReportRules.sorted(byPart(rows, 1))
        figures.coverage = coverage(namedUnits(try unitSums(.egenkontrollDone, year)))
        return figures
    }

    /// How many counted records name each set of units.
    private func namedUnits(_ rows: [(units: String, key: TallyKey, n: Int)]) -> [Set<String>: Int] {
        rows.reduce(into: [:]) { $0[Set($1.units.split(separator: ",").map(String.init)), default: 0] += $1.n }
    }

    /// A unit is covered when a record names it or one of its descendants.
    private func coverage(_ named: [Set<String>: Int]) -> Kvalitetsberattelse.Coverage {
        let all = named.keys.reduce(into: Set<String>()) { $0.formUnion($1) }
        var coverage = Kvalitetsberattelse.Coverage()
        let departments = scope.openUnits(level: .avdelning, request: request)
        let sections = scope.openUnits(level: .sektion, request: request)
        coverage.departmentsTotal = departments.count
        coverage.departmentsCovered = departments.filter { !scope.tree.subtree(of: $0.id).isDisjoint(with: all) }.count
        coverage.sectionsTotal = sections.count
        coverage.sectionsCovered = sections.filter { !scope.tree.subtree(of: $0.id).isDisjoint(with: all) }.count
        return coverage
    }

    /// Records per department (avdelning): those naming it or a unit below it.
    private func byDepartment(_ named: [Set<String>: Int]) -> [CodeCount] {
        var counts: [String: Int] = [:]
        for department in scope.openUnits(level: .avdelning, request: request) {
            let below = scope.tree.subtree(of: department.id)
            counts[department.id] = named.filter { !$0.key.isDisjoint(with: below) }.reduce(0) { $0 + $1.value }
        }
        return ReportRules.sorted(counts, keepingZeros: true)
    }

    // MARK: Supervision (5) and handling times

    func tillsyn() throws -> [Kvalitetsberattelse.Tillsyn] {
        let authorities = ["ivo", "jo", "jk"]
        if scope.units == nil {
            // The organisation's case sums: a case is a row, so counting rows counts distinct cases.
            return try authorities.map { authority in
                let cases = try ReportCounts.totalRows(.tillsynCase, year: request.year, first: authority, in: db)
                let deficient = try ReportCounts.totalRows(
                    .tillsynDeficientCase, year: request.year, first: authority,
                    in: db)
                return .init(
                    authority: authority, decisions: cases.n, cases: cases.rows,
                    casesWithDeficiencies: deficient.rows)
            }
        }
        // A scope: the units' case sums, so that a case in two units in scope counts once.
        var decisions: [String: Int] = [:]
        var cases: [String: Set<TallyKey>] = [:]
        var deficient: [String: Set<TallyKey>] = [:]
        for row in try sums(.tillsynCase, year) {
            decisions[row.key[0], default: 0] += row.n
            cases[row.key[0], default: []].insert(row.key)
        }
        for row in try sums(.tillsynDeficientCase, year) { deficient[row.key[0], default: []].insert(row.key) }
        return authorities.map { authority in
            .init(
                authority: authority, decisions: decisions[authority] ?? 0, cases: cases[authority]?.count ?? 0,
                casesWithDeficiencies: deficient[authority]?.count ?? 0)
        }
    }

    func handlingTimes() throws -> Kvalitetsberattelse.HandlingTimes {
        func histogram(_ metric: ReportMetric) throws -> Kvalitetsberattelse.HandlingTime {
            .init(
                histogram: try byKey(
                    metric,
                    year
                ).reduce(into: [:]) { $0[Int($1.key) ?? 0, default: 0] += $1.value })
        }
        return .init(
            kvalitetsavvikelser: try histogram(.avvikelseHandlingDays),
            klagomal: try histogram(.klagomalHandlingDays),
            lexSarah: try histogram(.lexSarahHandlingDays))
    }
}
