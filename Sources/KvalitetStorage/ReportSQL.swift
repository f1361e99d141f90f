import GRDB
import KvalitetDomain

/// The report's queries. Every one excludes voided records and keeps to the scope.
struct ReportSQL {
    let db: Database
    let scope: ReportScope
    let request: ReportRequest

    private var year: StatementArguments { [request.yearStart.description, request.yearEnd.description] }
    private var period: StatementArguments { [request.analysisFrom.description, request.analysisTo.description] }
    private var seriesRange: StatementArguments {
        [LocalDate(year: request.seriesYears.lowerBound, month: 1, day: 1)!.description, request.yearEnd.description]
    }

    // MARK: Received (4.1)

    func received() throws -> Kvalitetsberattelse.Received {
        Kvalitetsberattelse.Received(
            klagomalUtomstaende: try receivedFigure(table: "klagomal_facts", date: "received_on", extra: "f.source = 'utomstaende'"),
            klagomalPersonal: try receivedFigure(table: "klagomal_facts", date: "received_on", extra: "f.source = 'personal'"),
            kvalitetsavvikelser: try receivedFigure(table: "avvikelse_facts", date: "received_on"),
            lexSarah: try receivedFigure(table: "lex_sarah_facts", date: "reported_on"))
    }

    private func receivedFigure(table: String, date: String, extra: String = "1") throws -> ReceivedFigure {
        let (units, unitArgs) = scope.unitCondition()
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.unit_id AS unit, CAST(substr(f.\(date), 1, 4) AS INTEGER) AS year, COUNT(*) AS n
            FROM \(table) f WHERE f.voided = 0 AND f.\(date) BETWEEN ? AND ? AND \(extra) AND \(units)
            GROUP BY f.unit_id, year
            """, arguments: seriesRange + unitArgs)
        let counts = rows.map { row in
            (area: scope.tree.effectiveArea(of: row["unit"]), year: row["year"] as Int, count: row["n"] as Int)
        }
        return ReportRules.received(counts, request: request)
    }

    // MARK: Lex Sarah

    func lexSarah(asOf: LocalDate) throws -> Kvalitetsberattelse.LexSarahFigures {
        let (units, unitArgs) = scope.unitCondition()
        let treated = try Row.fetchAll(db, sql: """
            SELECT CAST(substr(f.committee_decided_on, 1, 4) AS INTEGER) AS year, COUNT(*) AS n, SUM(f.serious) AS serious
            FROM lex_sarah_facts f
            WHERE f.voided = 0 AND f.committee_decided_on BETWEEN ? AND ? AND f.assessment <> 'ej_missforhallande' AND \(units)
            GROUP BY year
            """, arguments: seriesRange + unitArgs)
        let byYear = Dictionary(uniqueKeysWithValues: treated.map { ($0["year"] as Int, $0["n"] as Int) })
        let serious = treated.first { ($0["year"] as Int) == request.year }?["serious"] as Int? ?? 0
        let reportedToIvo = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM lex_sarah_facts f WHERE f.voided = 0 AND f.ivo_reported_on BETWEEN ? AND ? AND \(units)
            """, arguments: year + unitArgs) ?? 0
        let open = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM lex_sarah_facts f
            WHERE f.voided = 0 AND f.reported_on <= ? AND (f.closed_on IS NULL OR f.closed_on > ?) AND \(units)
            """, arguments: [request.yearEnd.description, request.yearEnd.description] + unitArgs) ?? 0
        // Overdue as of the year's end (or today, for the current year): two months after the IVO
        // report passed while the investigation had not been sent. Few rows; the date rule is the domain's.
        let reports = try Row.fetchAll(db, sql: """
            SELECT f.ivo_reported_on AS reported, f.investigation_sent_on AS sent FROM lex_sarah_facts f
            WHERE f.voided = 0 AND f.ivo_reported_on IS NOT NULL AND f.ivo_reported_on <= ? AND (f.investigation_sent_on IS NULL OR f.investigation_sent_on > ?)
              AND \(units)
            """, arguments: [asOf.description, asOf.description] + unitArgs)
        let overdue = reports.filter { row in
            guard let reported = LocalDate(row["reported"] as String) else { return false }
            return reported.adding(months: 2) < asOf
        }.count
        return .init(committeeTreated: byYear[request.year] ?? 0, committeeTreatedSeries: ReportRules.series(byYear, years: request.seriesYears),
                     seriousOfCommitteeTreated: serious, reportedToIvo: reportedToIvo, openAtYearEnd: open, investigationsOverdueToIvo: overdue)
    }

    // MARK: Analysis (4.2)

    func analysis() throws -> Kvalitetsberattelse.Analysis {
        var analysis = Kvalitetsberattelse.Analysis()
        let (units, unitArgs) = scope.unitCondition()
        let avvikelser = try Row.fetchAll(db, sql: """
            SELECT f.unit_id AS unit, f.category AS category, COUNT(*) AS n FROM avvikelse_facts f
            WHERE f.voided = 0 AND f.closed_on BETWEEN ? AND ? AND \(units) GROUP BY f.unit_id, f.category
            """, arguments: period + unitArgs)
        analysis.avvikelserClosed = avvikelser.reduce(0) { $0 + ($1["n"] as Int) }
        analysis.avvikelserByCategory = ReportRules.sorted(sum(avvikelser, by: "category"))
        var perUnit: [String: [String: Int]] = [:]
        for row in avvikelser { perUnit[row["unit"], default: [:]][row["category"], default: 0] += row["n"] as Int }
        analysis.avvikelserByUnit = perUnit.map { unit, categories in
            Kvalitetsberattelse.UnitCount(unitId: unit, count: categories.values.reduce(0, +), byCategory: ReportRules.sorted(categories))
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.unitId < $1.unitId }
        analysis.avvikelserByRootCause = ReportRules.sorted(try codeCounts("""
            SELECT c.code AS code, COUNT(*) AS n FROM avvikelse_facts f JOIN record_root_causes c ON c.record_id = f.record_id
            WHERE f.voided = 0 AND f.closed_on BETWEEN ? AND ? AND \(units) GROUP BY c.code
            """, period + unitArgs))

        let klagomal = try Row.fetchAll(db, sql: """
            SELECT f.subject AS subject, f.outcome AS outcome, f.submitter AS submitter, COUNT(*) AS n FROM klagomal_facts f
            WHERE f.voided = 0 AND f.closed_on BETWEEN ? AND ? AND \(units) GROUP BY f.subject, f.outcome, f.submitter
            """, arguments: period + unitArgs)
        analysis.klagomalClosed = klagomal.reduce(0) { $0 + ($1["n"] as Int) }
        analysis.klagomalBySubject = ReportRules.sorted(sum(klagomal, by: "subject"))
        analysis.klagomalByOutcome = ReportRules.sorted(sum(klagomal, by: "outcome"))
        analysis.klagomalBySubmitter = ReportRules.sorted(sum(klagomal, by: "submitter"))

        let treated = "f.voided = 0 AND f.committee_decided_on BETWEEN ? AND ? AND f.assessment <> 'ej_missforhallande' AND \(units)"
        let lexSarah = try Row.fetchAll(db, sql: """
            SELECT f.category AS category, f.assessment AS assessment, COUNT(*) AS n FROM lex_sarah_facts f
            WHERE \(treated) GROUP BY f.category, f.assessment
            """, arguments: period + unitArgs)
        analysis.lexSarahCommitteeTreated = lexSarah.reduce(0) { $0 + ($1["n"] as Int) }
        analysis.lexSarahByCategory = ReportRules.sorted(sum(lexSarah, by: "category"))
        analysis.lexSarahByAssessment = ReportRules.sorted(sum(lexSarah, by: "assessment"))
        analysis.lexSarahByRootCause = ReportRules.sorted(try codeCounts("""
            SELECT c.code AS code, COUNT(*) AS n FROM lex_sarah_facts f JOIN record_root_causes c ON c.record_id = f.record_id
            WHERE \(treated) GROUP BY c.code
            """, period + unitArgs))
        return analysis
    }

    // MARK: Risk analyses and self-inspections (4.3, 4.4)

    func riskanalyser() throws -> Kvalitetsberattelse.Riskanalyser {
        var figures = Kvalitetsberattelse.Riskanalyser()
        let (units, unitArgs) = scope.recordUnitsCondition()
        let done = "f.voided = 0 AND f.status IN ('genomford', 'uppfoljd') AND f.performed_on BETWEEN ? AND ? AND \(units)"
        let rows = try Row.fetchAll(db, sql: "SELECT f.trigger AS trigger, f.documented AS documented, COUNT(*) AS n FROM riskanalys_facts f WHERE \(done) GROUP BY f.trigger, f.documented",
                                    arguments: year + unitArgs)
        figures.count = rows.reduce(0) { $0 + ($1["n"] as Int) }
        figures.documented = rows.filter { ($0["documented"] as Int) == 1 }.reduce(0) { $0 + ($1["n"] as Int) }
        figures.byTrigger = ReportRules.sorted(sum(rows, by: "trigger"))
        figures.highRisks = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM riskanalys_facts f JOIN riskanalys_risks r ON r.record_id = f.record_id
            WHERE \(done) AND r.level IN ('hog', 'mycket_hog')
            """, arguments: year + unitArgs) ?? 0
        let named = try namedUnits(table: "riskanalys_facts", done: done, arguments: year + unitArgs)
        figures.coverage = coverage(named)
        figures.byDepartment = byDepartment(named)
        return figures
    }

    func egenkontroller() throws -> Kvalitetsberattelse.Egenkontroller {
        var figures = Kvalitetsberattelse.Egenkontroller()
        let (units, unitArgs) = scope.recordUnitsCondition()
        let done = "f.voided = 0 AND f.status = 'genomford' AND f.performed_on BETWEEN ? AND ? AND \(units)"
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.area AS area, f.method AS method, SUM(f.documented) AS documented, SUM(f.deficiencies_found) AS deficient,
                   COALESCE(SUM(f.survey_offered), 0) AS offered, COALESCE(SUM(f.survey_responses), 0) AS responses, COUNT(*) AS n
            FROM egenkontroll_facts f WHERE \(done) GROUP BY f.area, f.method
            """, arguments: year + unitArgs)
        figures.count = rows.reduce(0) { $0 + ($1["n"] as Int) }
        figures.documented = rows.reduce(0) { $0 + ($1["documented"] as Int) }
        figures.withDeficiencies = rows.reduce(0) { $0 + ($1["deficient"] as Int) }
        figures.surveyOffered = rows.reduce(0) { $0 + ($1["offered"] as Int) }
        figures.surveyResponses = rows.reduce(0) { $0 + ($1["responses"] as Int) }
        figures.byArea = ReportRules.sorted(sum(rows, by: "area"))
        figures.byMethod = ReportRules.sorted(sum(rows, by: "method"))
        figures.coverage = coverage(try namedUnits(table: "egenkontroll_facts", done: done, arguments: year + unitArgs))
        return figures
    }

    /// The units each counted record names, by record.
    private func namedUnits(table: String, done: String, arguments: StatementArguments) throws -> [String: Set<String>] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT ru.record_id AS record, ru.unit_id AS unit FROM \(table) f JOIN record_units ru ON ru.record_id = f.record_id WHERE \(done)
            """, arguments: arguments)
        return rows.reduce(into: [:]) { $0[$1["record"] as String, default: []].insert($1["unit"]) }
    }

    /// A unit is covered when a record names it or one of its descendants.
    private func coverage(_ named: [String: Set<String>]) -> Kvalitetsberattelse.Coverage {
        let all = named.values.reduce(into: Set<String>()) { $0.formUnion($1) }
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
    private func byDepartment(_ named: [String: Set<String>]) -> [CodeCount] {
        var counts: [String: Int] = [:]
        for department in scope.openUnits(level: .avdelning, request: request) {
            let below = scope.tree.subtree(of: department.id)
            counts[department.id] = named.values.filter { !$0.isDisjoint(with: below) }.count
        }
        return ReportRules.sorted(counts, keepingZeros: true)
    }

    // MARK: Supervision (5) and handling times

    func tillsyn() throws -> [Kvalitetsberattelse.Tillsyn] {
        let (units, unitArgs) = scope.recordUnitsCondition()
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.authority AS authority, COUNT(*) AS decisions, COUNT(DISTINCT f.case_number) AS cases,
                   COUNT(DISTINCT CASE WHEN f.deficiencies_found = 1 THEN f.case_number END) AS deficient
            FROM tillsynsbeslut_facts f WHERE f.voided = 0 AND f.decided_on BETWEEN ? AND ? AND \(units) GROUP BY f.authority
            """, arguments: year + unitArgs)
        let byAuthority = Dictionary(uniqueKeysWithValues: rows.map { ($0["authority"] as String, $0) })
        return ["ivo", "jo", "jk"].map { authority in
            let row = byAuthority[authority]
            return .init(authority: authority, decisions: row?["decisions"] ?? 0, cases: row?["cases"] ?? 0,
                         casesWithDeficiencies: row?["deficient"] ?? 0)
        }
    }

    func handlingTimes() throws -> Kvalitetsberattelse.HandlingTimes {
        let (units, unitArgs) = scope.unitCondition()
        func days(_ table: String, from: String, to: String) throws -> [Int] {
            try Int.fetchAll(db, sql: """
                SELECT CAST(julianday(f.\(to)) - julianday(f.\(from)) AS INTEGER) FROM \(table) f
                WHERE f.voided = 0 AND f.\(to) BETWEEN ? AND ? AND \(units)
                """, arguments: year + unitArgs)
        }
        return .init(kvalitetsavvikelser: .init(days: try days("avvikelse_facts", from: "received_on", to: "closed_on")),
                     klagomal: .init(days: try days("klagomal_facts", from: "received_on", to: "closed_on")),
                     lexSarah: .init(days: try days("lex_sarah_facts", from: "reported_on", to: "completed_on")))
    }

    // MARK: Folding grouped rows

    private func sum(_ rows: [Row], by column: String) -> [String: Int] {
        rows.reduce(into: [:]) { counts, row in
            if let code = row[column] as String? { counts[code, default: 0] += row["n"] as Int }
        }
    }

    private func codeCounts(_ sql: String, _ arguments: StatementArguments) throws -> [String: Int] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).reduce(into: [:]) { $0[$1["code"] as String] = $1["n"] as Int }
    }
}
