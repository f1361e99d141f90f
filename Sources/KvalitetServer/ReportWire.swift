import KvalitetDomain

/// The kvalitetsberättelse as JSON, exactly in API.md's shape: every key always present.
enum ReportWire {
    static func json(_ report: Kvalitetsberattelse) -> JSONValue {
        let request = report.request
        return object([
            ("year", .int(request.year)), ("unitId", .optional(request.unitId)),
            ("generatedAt", .string(Timestamp.format(report.generatedAt))),
            (
                "analysisPeriod",
                object([
                    ("from", .string(request.analysisFrom.description)),
                    ("to", .string(request.analysisTo.description)),
                ])
            ),
            (
                "received",
                object([
                    ("klagomalUtomstaende", received(report.received.klagomalUtomstaende)),
                    ("klagomalPersonal", received(report.received.klagomalPersonal)),
                    ("kvalitetsavvikelser", received(report.received.kvalitetsavvikelser)),
                    ("lexSarah", received(report.received.lexSarah)),
                ])
            ),
            ("lexSarah", lexSarah(report.lexSarah)),
            ("analysis", analysis(report.analysis)),
            (
                "riskanalyser",
                object([
                    ("count", .int(report.riskanalyser.count)), ("documented", .int(report.riskanalyser.documented)),
                    ("byTrigger", codes(report.riskanalyser.byTrigger)),
                    (
                        "byDepartment",
                        .array(
                            report.riskanalyser.byDepartment.map {
                                object([("unitId", .string($0.code)), ("count", .int($0.count))])
                            })
                    ),
                    ("coverage", coverage(report.riskanalyser.coverage)),
                    ("highRisks", .int(report.riskanalyser.highRisks)),
                ])
            ),
            (
                "egenkontroller",
                object([
                    ("count", .int(report.egenkontroller.count)),
                    ("documented", .int(report.egenkontroller.documented)),
                    ("withDeficiencies", .int(report.egenkontroller.withDeficiencies)),
                    ("byArea", codes(report.egenkontroller.byArea)),
                    ("byMethod", codes(report.egenkontroller.byMethod)),
                    ("coverage", coverage(report.egenkontroller.coverage)),
                    (
                        "survey",
                        object([
                            ("offered", .int(report.egenkontroller.surveyOffered)),
                            ("responses", .int(report.egenkontroller.surveyResponses)),
                            ("responseRate", report.egenkontroller.responseRate.map(JSONValue.double) ?? .null),
                        ])
                    ),
                ])
            ),
            (
                "tillsyn",
                .array(
                    report.tillsyn.map { figure in
                        object([
                            ("authority", .string(figure.authority)), ("decisions", .int(figure.decisions)),
                            ("cases", .int(figure.cases)),
                            ("casesWithDeficiencies", .int(figure.casesWithDeficiencies)),
                        ])
                    })
            ),
            (
                "handlingTimes",
                object([
                    ("kvalitetsavvikelser", handlingTime(report.handlingTimes.kvalitetsavvikelser)),
                    ("klagomal", handlingTime(report.handlingTimes.klagomal)),
                    ("lexSarah", handlingTime(report.handlingTimes.lexSarah)),
                ])
            ),
            ("nyckeltal", .array(report.nyckeltal.map(nyckeltal))),
        ])
    }

    private static func nyckeltal(_ figure: NyckeltalFigure) -> JSONValue {
        let number = { (value: FixedDecimal?) in value.map(NyckeltalWire.number) ?? .null }
        let kolada = { (value: Double?) in value.map(JSONValue.double) ?? .null }
        let c = figure.comparison
        return object([
            ("code", .string(figure.code)), ("name", .string(figure.name)), ("unit", .string(figure.unit.rawValue)),
            ("direction", .string(figure.direction.rawValue)),
            ("value", number(figure.value)), ("level", .optional(figure.level?.rawValue)),
            ("previousYear", number(figure.previousYear)), ("previousLevel", .optional(figure.previousLevel?.rawValue)),
            (
                "comparison",
                object([
                    ("koladaKpi", .optional(c.kpi)),
                    ("municipality", object([("id", .optional(c.municipalityId)), ("value", kolada(c.municipality))])),
                    ("group", object([("id", .optional(c.groupId)), ("value", kolada(c.group))])),
                    (
                        "national",
                        object([("id", c.kpi == nil ? .null : .string("0000")), ("value", kolada(c.national))])
                    ),
                ])
            ),
        ])
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }

    private static func series(_ series: [YearCount]) -> JSONValue {
        .array(series.map { object([("year", .int($0.year)), ("count", .int($0.count))]) })
    }

    private static func codes(_ counts: [CodeCount]) -> JSONValue {
        .array(counts.map { object([("code", .string($0.code)), ("count", .int($0.count))]) })
    }

    private static func received(_ figure: ReceivedFigure) -> JSONValue {
        object([
            ("count", .int(figure.count)), ("previousYear", .int(figure.previousYear)),
            ("series", series(figure.series)),
            (
                "byArea",
                .array(figure.byArea.map { object([("area", .optional($0.area)), ("series", series($0.series))]) })
            ),
        ])
    }

    private static func lexSarah(_ figures: Kvalitetsberattelse.LexSarahFigures) -> JSONValue {
        object([
            (
                "committeeTreated",
                object([("count", .int(figures.committeeTreated)), ("series", series(figures.committeeTreatedSeries))])
            ),
            ("seriousOfCommitteeTreated", .int(figures.seriousOfCommitteeTreated)),
            ("reportedToIvo", .int(figures.reportedToIvo)),
            ("openAtYearEnd", .int(figures.openAtYearEnd)),
            ("investigationsOverdueToIvo", .int(figures.investigationsOverdueToIvo)),
        ])
    }

    private static func analysis(_ analysis: Kvalitetsberattelse.Analysis) -> JSONValue {
        object([
            (
                "avvikelser",
                object([
                    ("closed", .int(analysis.avvikelserClosed)), ("byCategory", codes(analysis.avvikelserByCategory)),
                    ("byRootCause", codes(analysis.avvikelserByRootCause)),
                    (
                        "byUnit",
                        .array(
                            analysis.avvikelserByUnit.map {
                                object([
                                    ("unitId", .string($0.unitId)), ("count", .int($0.count)),
                                    ("byCategory", codes($0.byCategory)),
                                ])
                            })
                    ),
                ])
            ),
            (
                "klagomal",
                object([
                    ("closed", .int(analysis.klagomalClosed)), ("bySubject", codes(analysis.klagomalBySubject)),
                    ("byOutcome", codes(analysis.klagomalByOutcome)),
                    ("bySubmitter", codes(analysis.klagomalBySubmitter)),
                ])
            ),
            (
                "lexSarah",
                object([
                    ("committeeTreated", .int(analysis.lexSarahCommitteeTreated)),
                    ("byKind", codes(analysis.lexSarahByKind)),
                    ("byAssessment", codes(analysis.lexSarahByAssessment)),
                    ("byRootCause", codes(analysis.lexSarahByRootCause)),
                ])
            ),
        ])
    }

    private static func coverage(_ coverage: Kvalitetsberattelse.Coverage) -> JSONValue {
        object([
            (
                "departments",
                object([("covered", .int(coverage.departmentsCovered)), ("total", .int(coverage.departmentsTotal))])
            ),
            (
                "sections",
                object([("covered", .int(coverage.sectionsCovered)), ("total", .int(coverage.sectionsTotal))])
            ),
        ])
    }

    private static func handlingTime(_ time: Kvalitetsberattelse.HandlingTime) -> JSONValue {
        object([
            ("closed", .int(time.closed)), ("medianDays", time.medianDays.map(JSONValue.int) ?? .null),
            ("p90Days", time.p90Days.map(JSONValue.int) ?? .null),
        ])
    }
}
