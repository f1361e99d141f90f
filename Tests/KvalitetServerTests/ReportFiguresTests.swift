import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Kvalitetsberättelse: analysis, lex Sarah, risk, self-inspection, supervision, handling times")
struct ReportFiguresTests {
    @Test func theAnalysisCountsWhatClosedInTheJuneToMayPeriod() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr", received: "2024-05-01", closed: "2024-05-31", category: "sekretess")
            try await client.avvikelse(unit: "ifo-utr", received: "2024-05-01", closed: "2024-06-01", category: "dokumentation",
                                       causes: ["rutin_ej_foljd", "arbetsmiljo"])
            try await client.avvikelse(unit: "vuxen", received: "2025-01-01", closed: "2025-05-31", category: "dokumentation")
            try await client.avvikelse(unit: "vuxen", received: "2025-01-01", closed: "2025-06-01", category: "bemotande")
            let report = try await client.report()
            #expect(figure(report, "analysis.avvikelser.closed") as? Int == 2)
            #expect(counts(report, "analysis.avvikelser.byCategory") == ["dokumentation": 2])
            #expect(counts(report, "analysis.avvikelser.byRootCause") == ["rutin_ej_foljd": 2, "arbetsmiljo": 1])
            let byRootCause = figure(report, "analysis.avvikelser.byRootCause") as? [[String: Any]] ?? []
            #expect(byRootCause.map { $0["code"] as? String } == ["rutin_ej_foljd", "arbetsmiljo"])
            #expect(counts(report, "analysis.avvikelser.byUnit", key: "unitId") == ["ifo-utr": 1, "vuxen": 1])
            let custom = try await client.report("?analysisFrom=2025-01-01&analysisTo=2025-12-31")
            #expect(figure(custom, "analysisPeriod.from") as? String == "2025-01-01")
            #expect(counts(custom, "analysis.avvikelser.byCategory") == ["dokumentation": 1, "bemotande": 1])
        }
    }

    @Test func klagomalAnalysisIsBySubjectOutcomeAndSubmitter() async throws {
        try await TestApp.make().run { client in
            try await client.klagomal(received: "2024-07-01", submitter: "narstaende", subject: "beslut", closed: "2024-08-01", outcome: "avvikelse_konstaterad")
            try await client.klagomal(received: "2024-07-01", submitter: "anonym", subject: "beslut", closed: "2024-09-01")
            try await client.klagomal(received: "2024-07-01", subject: "insats", closed: "2025-07-01")
            let report = try await client.report()
            #expect(figure(report, "analysis.klagomal.closed") as? Int == 2)
            #expect(counts(report, "analysis.klagomal.bySubject") == ["beslut": 2])
            #expect(counts(report, "analysis.klagomal.byOutcome") == ["avvikelse_konstaterad": 1, "ingen_avvikelse": 1])
            #expect(counts(report, "analysis.klagomal.bySubmitter") == ["narstaende": 1, "anonym": 1])
        }
    }

    @Test func lexSarahCommitteeFiguresFollowTheDecisionDateAcrossYears() async throws {
        try await TestApp.make().run { client in
            // Serious, reported 2024, to IVO 2024, treated by the AU in 2025.
            try await client.lexSarah(reported: "2024-11-01", completed: "2024-12-20", assessment: "allvarligt_missforhallande",
                                      ivo: "2024-11-05", sent: "2024-12-22", committee: "2025-01-15", closed: "2025-01-20")
            // Not serious, treated in 2024.
            try await client.lexSarah(reported: "2024-10-01", completed: "2024-11-01", assessment: "missforhallande", committee: "2024-12-15")
            // No wrong found: never counted as treated, even with a decision date.
            try await client.lexSarah(reported: "2025-02-01", completed: "2025-03-01", assessment: "ej_missforhallande", committee: "2025-03-10")
            // Serious, reported to IVO in 2025, investigation never sent: overdue by year end; open at year end.
            try await client.lexSarah(reported: "2025-09-01", ivo: "2025-09-02")
            let report = try await client.report()
            #expect(figure(report, "lexSarah.committeeTreated.count") as? Int == 1)
            #expect(series(report, "lexSarah.committeeTreated.series") == [0, 0, 0, 1, 1])
            #expect(figure(report, "lexSarah.seriousOfCommitteeTreated") as? Int == 1)
            #expect(figure(report, "lexSarah.reportedToIvo") as? Int == 1)
            #expect(figure(report, "lexSarah.openAtYearEnd") as? Int == 3)
            #expect(figure(report, "lexSarah.investigationsOverdueToIvo") as? Int == 1)
            #expect(figure(report, "received.lexSarah.count") as? Int == 2)
            #expect(figure(report, "received.lexSarah.previousYear") as? Int == 2)
            #expect(figure(report, "analysis.lexSarah.committeeTreated") as? Int == 2)
            #expect(counts(report, "analysis.lexSarah.byAssessment") == ["allvarligt_missforhallande": 1, "missforhallande": 1])
            #expect(counts(report, "analysis.lexSarah.byRootCause") == ["kunskap_saknas": 2])
            let previous = try await client.report(year: 2024)
            #expect(figure(previous, "lexSarah.openAtYearEnd") as? Int == 2)
            #expect(figure(previous, "lexSarah.reportedToIvo") as? Int == 1)
        }
    }

    @Test func riskAnalysesAndSelfInspectionsCountWhenPerformedWithCoverageByLevel() async throws {
        try await TestApp.make().run { client in
            let done = try await client.post("riskanalyser", """
                {"unitIds":["ifo-utr-s1"],"title":"T","trigger":"nytt_arbetssatt","plannedOn":"2025-02-01",
                 "risks":[{"description":"a","probability":3,"consequence":3},{"description":"b","probability":4,"consequence":4},
                          {"description":"c","probability":1,"consequence":2}]}
                """)
            try await client.advance("riskanalyser", done, [("to", #"{"to":"pagaende"}"#), ("to", #"{"to":"genomford","performedOn":"2025-03-01","documented":true}"#)])
            _ = try await client.post("riskanalyser", #"{"unitIds":["vuxen"],"title":"Planerad","trigger":"ovrigt","plannedOn":"2025-04-01"}"#)
            let survey = try await client.post("egenkontroller", """
                {"unitIds":["ifo","vuxen"],"title":"T","area":"enskildas_upplevelser","method":"brukarundersokning","plannedOn":"2025-09-01"}
                """)
            try await client.advance("egenkontroller", survey, [("to", #"{"to":"pagaende"}"#), ("to", """
                {"to":"genomford","performedOn":"2025-10-15","result":"HEMLIGT RESULTAT","documented":true,"deficienciesFound":true,"survey":{"offered":4856,"responses":2283}}
                """)])
            let report = try await client.report()
            #expect(figure(report, "riskanalyser.count") as? Int == 1)
            #expect(figure(report, "riskanalyser.documented") as? Int == 1)
            #expect(figure(report, "riskanalyser.highRisks") as? Int == 2)
            #expect(counts(report, "riskanalyser.byTrigger") == ["nytt_arbetssatt": 1])
            #expect(counts(report, "riskanalyser.byDepartment", key: "unitId") == ["ifo-utr": 1, "vuxen": 0])
            #expect(figure(report, "riskanalyser.coverage.departments.covered") as? Int == 1)
            #expect(figure(report, "riskanalyser.coverage.departments.total") as? Int == 2)
            #expect(figure(report, "riskanalyser.coverage.sections.covered") as? Int == 1)
            #expect(figure(report, "egenkontroller.count") as? Int == 1)
            #expect(figure(report, "egenkontroller.withDeficiencies") as? Int == 1)
            #expect(counts(report, "egenkontroller.byMethod") == ["brukarundersokning": 1])
            #expect(figure(report, "egenkontroller.coverage.departments.covered") as? Int == 1)
            #expect(figure(report, "egenkontroller.survey.offered") as? Int == 4856)
            #expect(figure(report, "egenkontroller.survey.responses") as? Int == 2283)
            #expect(figure(report, "egenkontroller.survey.responseRate") as? Double == 0.4701)
        }
    }

    @Test func supervisionCountsDecisionsDistinctCasesAndCasesWithDeficiencies() async throws {
        try await TestApp.make().run { client in
            for (authority, caseNumber, date, deficiencies) in [("ivo", "3.5.1-1/2025", "2025-03-01", true), ("ivo", "3.5.1-1/2025", "2025-09-01", false),
                                                                ("ivo", "3.5.1-2/2025", "2025-10-01", false), ("jo", "1234-2024", "2024-12-31", true),
                                                                ("jk", "99-2025", "2025-01-01", true)] {
                _ = try await client.post("tillsynsbeslut", """
                    {"unitIds":["ifo-utr"],"title":"T","authority":"\(authority)","caseNumber":"\(caseNumber)","decidedOn":"\(date)",
                     "subject":"ovrigt","deficienciesFound":\(deficiencies)}
                    """)
            }
            let voided = try await client.post("tillsynsbeslut", """
                {"unitIds":["ifo-utr"],"title":"T","authority":"ivo","caseNumber":"3.5.1-3/2025","decidedOn":"2025-05-01","subject":"ovrigt","deficienciesFound":true}
                """)
            try await client.send(.delete, "/api/v1/tillsynsbeslut/\(voided)?reason=fel", headers: [.ifMatch: "\"1\""])
            let tillsyn = (try await client.report())["tillsyn"] as? [[String: Any]] ?? []
            #expect(tillsyn.map { [$0["decisions"] as? Int, $0["cases"] as? Int, $0["casesWithDeficiencies"] as? Int] }
                    == [[3, 2, 1], [0, 0, 0], [1, 1, 1]])
        }
    }

    @Test func aSupervisionCaseWithDecisionsInTwoUnitsCountsOnceForTheOrganisationAndForAScopeHoldingBoth() async throws {
        try await TestApp.make().run { client in
            for (units, date, deficiencies) in [(#"["ifo-utr"]"#, "2025-02-01", true), (#"["ifo-utr-s1"]"#, "2025-06-01", false),
                                                (#"["vuxen","ifo-utr"]"#, "2025-08-01", true)] {
                _ = try await client.post("tillsynsbeslut", """
                    {"unitIds":\(units),"title":"T","authority":"ivo","caseNumber":"3.5.1-7|a/2025","decidedOn":"\(date)",
                     "subject":"ovrigt","deficienciesFound":\(deficiencies)}
                    """)
            }
            func ivo(_ report: [String: Any]) -> [Int?] {
                let row = (report["tillsyn"] as? [[String: Any]] ?? []).first { $0["authority"] as? String == "ivo" } ?? [:]
                return [row["decisions"] as? Int, row["cases"] as? Int, row["casesWithDeficiencies"] as? Int]
            }
            #expect(ivo(try await client.report()) == [3, 1, 1])
            #expect(ivo(try await client.report("?unitId=ifo")) == [3, 1, 1])
            #expect(ivo(try await client.report("?unitId=ifo-utr-s1")) == [1, 1, 0])
            #expect(ivo(try await client.report("?unitId=vuxen")) == [1, 1, 1])
        }
    }

    @Test func handlingTimesAreNearestRankMedianAndNinetiethPercentileOfTheYearsClosures() async throws {
        try await TestApp.make().run { client in
            for days in ["2025-03-11", "2025-03-21", "2025-03-31", "2025-04-10"] {
                try await client.avvikelse(received: "2025-03-01", closed: days)
            }
            try await client.avvikelse(received: "2024-12-01", closed: "2024-12-31")
            let report = try await client.report()
            #expect(figure(report, "handlingTimes.kvalitetsavvikelser.closed") as? Int == 4)
            #expect(figure(report, "handlingTimes.kvalitetsavvikelser.medianDays") as? Int == 20)
            #expect(figure(report, "handlingTimes.kvalitetsavvikelser.p90Days") as? Int == 40)
        }
    }
}

@Suite("Kvalitetsberättelse: units that open and close")
struct ReportClosedUnitsTests {
    @Test func coverageCountsOnlyUnitsOpenDuringTheYearAndClosedUnitsKeepTheirRecords() async throws {
        try await TestApp.make().run { client in
            // A section closed at the end of 2024 and one opened in 2026: neither is expected to have a risk analysis in 2025.
            try await client.send(.put, "/api/v1/verksamheter/ifo-utr-gammal", json: #"{"name":"Gammal","level":"sektion","parentId":"ifo-utr","closedOn":"2024-12-31"}"#)
            try await client.send(.put, "/api/v1/verksamheter/ifo-utr-ny", json: #"{"name":"Ny","level":"sektion","parentId":"ifo-utr","openedOn":"2026-01-01"}"#)
            try await client.send(.put, "/api/v1/verksamheter/vuxen-stangd", json: #"{"name":"Stängd","level":"avdelning","closedOn":"2025-03-31","area":"Vuxna"}"#)
            // A record of the closed department, from while it was open, still counts in 2025.
            try await client.avvikelse(unit: "vuxen-stangd", received: "2025-02-01")
            let refused = try await client.send(.post, "/api/v1/avvikelser",
                                                json: #"{"unitId":"vuxen-stangd","title":"T","receivedOn":"2025-04-01","category":"ovrigt"}"#)
            #expect(refused.status == .unprocessableContent)
            let report = try await client.report()
            #expect(figure(report, "received.kvalitetsavvikelser.count") as? Int == 1)
            #expect(figure(report, "riskanalyser.coverage.sections.total") as? Int == 1)
            #expect(figure(report, "riskanalyser.coverage.departments.total") as? Int == 3)
            let previous = try await client.report(year: 2024)
            #expect(figure(previous, "riskanalyser.coverage.sections.total") as? Int == 2)
            #expect(figure(previous, "riskanalyser.coverage.departments.total") as? Int == 3)
        }
    }
}
