import KvalitetDomain

/// Everything the report's page template shows, phrased for it (numbers with Swedish separators,
/// "213 (177)", "–" for unknown); the template only places and escapes it.
struct ReportPage {
    struct Riskanalyser {
        let count, documented, highRisks, departmentsCovered, departmentsTotal, sectionsCovered, sectionsTotal: String
        let tables: [CodeTable]
    }

    struct Egenkontroller {
        let count, documented, withDeficiencies, departmentsCovered, departmentsTotal, sectionsCovered: String
        let sectionsTotal, surveyOffered, surveyResponses, responseRate: String
        let tables: [CodeTable]
    }

    struct Tillsyn {
        let authority, decisions, cases, withDeficiencies: String
    }

    struct HandlingTime {
        let name, closed, median, p90: String
    }

    let year: Int, previousYear: Int
    let scopeName, analysisFrom, analysisTo, generatedOn: String
    let received: [ReportRow]
    let charts: [ReportChart]
    let lexSarah: [ReportRow]
    let analysis: [AnalysisSection]
    let riskanalyser: Riskanalyser
    let egenkontroller: Egenkontroller
    let tillsyn: [Tillsyn]
    let handlingTimes: [HandlingTime]
    let nyckeltal: [NyckeltalRow]
    /// Stored, not computed: the templates see stored properties only (Mirror).
    let hasNyckeltal: Bool

    init(_ r: Kvalitetsberattelse, unitNames names: [String: String], scopeName: String) {
        let n = ReportHTML.number
        year = r.request.year
        previousYear = r.request.year - 1
        self.scopeName = scopeName
        analysisFrom = r.request.analysisFrom.description
        analysisTo = r.request.analysisTo.description
        generatedOn = "\(SwedishTime.date(of: r.generatedAt))"
        let figures = [
            ("Klagomål och synpunkter från utomstående", r.received.klagomalUtomstaende),
            ("Klagomål och synpunkter från personal", r.received.klagomalPersonal),
            ("Kvalitetsavvikelser", r.received.kvalitetsavvikelser),
            ("Lex Sarah-rapporter", r.received.lexSarah),
        ]
        received = figures.map { ReportRow(label: $0.0, value: "\(n($0.1.count)) (\(n($0.1.previousYear)))") }
        charts = ReportChart.charts(figures)
        let lex = r.lexSarah
        lexSarah = [
            ReportRow(
                label: "Utredningar behandlade av arbetsutskottet (missförhållande eller risk)",
                value: "\(lex.committeeTreated) (\(lex.committeeTreatedSeries.dropLast().last?.count ?? 0))"),
            ReportRow(label: "varav allvarliga", value: "\(lex.seriousOfCommitteeTreated)"),
            ReportRow(label: "Anmälda till IVO under året", value: "\(lex.reportedToIvo)"),
            ReportRow(label: "Öppna vid årets slut", value: "\(lex.openAtYearEnd)"),
            ReportRow(
                label: "Utredningar försenade till IVO enligt lokal rutin för uppföljning",
                value: "\(lex.investigationsOverdueToIvo)"),
        ]
        let a = r.analysis
        analysis = [
            AnalysisSection(
                heading: "Kvalitetsavvikelser (\(a.avvikelserClosed) avslutade)",
                tables: [
                    CodeTable("Kategori", a.avvikelserByCategory, list: "avvikelseKategori"),
                    CodeTable("Orsak", a.avvikelserByRootCause, list: "orsak"),
                    CodeTable(
                        "Verksamhet", a.avvikelserByUnit.map { CodeCount(code: $0.unitId, count: $0.count) },
                        names: names),
                ]),
            AnalysisSection(
                heading: "Klagomål och synpunkter (\(a.klagomalClosed) avslutade)",
                tables: [
                    CodeTable("Gäller", a.klagomalBySubject, list: "klagomalAmne"),
                    CodeTable("Utfall", a.klagomalByOutcome, list: "klagomalUtfall"),
                    CodeTable("Inlämnat av", a.klagomalBySubmitter, list: "klagomalInlamnare"),
                ]),
            AnalysisSection(
                heading: "Lex Sarah (\(a.lexSarahCommitteeTreated) behandlade av arbetsutskottet)",
                tables: [
                    CodeTable(
                        "Slag av missförhållande", a.lexSarahByKind, list: LexSarahKind.listName,
                        note: "En rapport som gäller flera slag av missförhållanden räknas en gång för varje "
                            + "slag."),
                    CodeTable("Bedömning", a.lexSarahByAssessment, list: "lexSarahBedomning"),
                    CodeTable("Orsak", a.lexSarahByRootCause, list: "orsak"),
                ]),
        ]
        let risk = r.riskanalyser, riskCoverage = risk.coverage
        riskanalyser = Riskanalyser(
            count: n(risk.count), documented: n(risk.documented), highRisks: n(risk.highRisks),
            departmentsCovered: n(riskCoverage.departmentsCovered), departmentsTotal: n(riskCoverage.departmentsTotal),
            sectionsCovered: n(riskCoverage.sectionsCovered), sectionsTotal: n(riskCoverage.sectionsTotal),
            tables: [
                CodeTable("Anledning", risk.byTrigger, list: "riskanalysAnledning"),
                CodeTable("Avdelning", risk.byDepartment, names: names),
            ])
        let own = r.egenkontroller, ownCoverage = own.coverage
        egenkontroller = Egenkontroller(
            count: n(own.count), documented: n(own.documented), withDeficiencies: n(own.withDeficiencies),
            departmentsCovered: n(ownCoverage.departmentsCovered), departmentsTotal: n(ownCoverage.departmentsTotal),
            sectionsCovered: n(ownCoverage.sectionsCovered), sectionsTotal: n(ownCoverage.sectionsTotal),
            surveyOffered: n(own.surveyOffered), surveyResponses: n(own.surveyResponses),
            responseRate: own.responseRate.map { " (" + ReportHTML.percent($0) + ")" } ?? "",
            tables: [
                CodeTable("Område", own.byArea, list: "egenkontrollOmrade"),
                CodeTable("Metod", own.byMethod, list: "egenkontrollMetod"),
            ])
        tillsyn = r.tillsyn.map {
            Tillsyn(
                authority: $0.authority.uppercased(), decisions: "\($0.decisions)", cases: "\($0.cases)",
                withDeficiencies: "\($0.casesWithDeficiencies)")
        }
        handlingTimes = [
            ("Kvalitetsavvikelser", r.handlingTimes.kvalitetsavvikelser),
            ("Klagomål och synpunkter", r.handlingTimes.klagomal),
            ("Lex Sarah (till färdig utredning)", r.handlingTimes.lexSarah),
        ].map { name, time in
            HandlingTime(
                name: name, closed: "\(time.closed)", median: time.medianDays.map(String.init) ?? "–",
                p90: time.p90Days.map(String.init) ?? "–")
        }
        nyckeltal = r.nyckeltal.map(NyckeltalRow.init)
        hasNyckeltal = !nyckeltal.isEmpty
    }
}
