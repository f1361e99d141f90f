import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Kvalitetsberättelse: received, subtrees, formats")
struct ReportReceivedTests {
    @Test func anEmptyDatabaseGivesZerosAndNullsWithEveryKeyPresent() async throws {
        try await TestApp.make().run { client in
            let report = try await client.report()
            #expect(report["year"] as? Int == 2025)
            #expect(report["unitId"] is NSNull)
            #expect(figure(report, "analysisPeriod.from") as? String == "2024-06-01")
            #expect(figure(report, "analysisPeriod.to") as? String == "2025-05-31")
            for key in ["klagomalUtomstaende", "klagomalPersonal", "kvalitetsavvikelser", "lexSarah"] {
                #expect(figure(report, "received.\(key).count") as? Int == 0)
                #expect(series(report, "received.\(key).series") == [0, 0, 0, 0, 0])
                #expect((figure(report, "received.\(key).byArea") as? [Any])?.isEmpty == true)
            }
            #expect(figure(report, "lexSarah.openAtYearEnd") as? Int == 0)
            #expect(figure(report, "egenkontroller.survey.responseRate") is NSNull)
            #expect(figure(report, "handlingTimes.klagomal.medianDays") is NSNull)
            #expect(figure(report, "riskanalyser.coverage.departments.total") as? Int == 2)
            let tillsyn = report["tillsyn"] as? [[String: Any]] ?? []
            #expect(tillsyn.map { $0["authority"] as? String } == ["ivo", "jo", "jk"])
            #expect(tillsyn.allSatisfy { $0["decisions"] as? Int == 0 && $0["cases"] as? Int == 0 })
        }
    }

    @Test func receivedCountsTheCalendarYearByAreaAndNeverVoided() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr", received: "2024-12-31")
            try await client.avvikelse(unit: "ifo-utr-s1", received: "2025-01-01")
            try await client.avvikelse(unit: "vuxen", received: "2025-12-31")
            try await client.avvikelse(unit: "ifo-utr", received: "2025-06-01", voided: true)
            try await client.avvikelse(unit: "vuxen", received: "2021-01-01")
            try await client.avvikelse(unit: "vuxen", received: "2020-12-31")
            let report = try await client.report()
            #expect(figure(report, "received.kvalitetsavvikelser.count") as? Int == 2)
            #expect(figure(report, "received.kvalitetsavvikelser.previousYear") as? Int == 1)
            #expect(series(report, "received.kvalitetsavvikelser.series") == [1, 0, 0, 1, 2])
            let byArea = figure(report, "received.kvalitetsavvikelser.byArea") as? [[String: Any]] ?? []
            #expect(byArea.map { $0["area"] as? String } == ["Barn och unga", "Vuxna"])
            #expect(byArea.map { ($0["series"] as? [[String: Any]] ?? []).compactMap { $0["count"] as? Int } } == [[0, 0, 0, 1, 1], [1, 0, 0, 0, 1]])
        }
    }

    @Test func klagomalAreSplitBySourceWhateverTheirType() async throws {
        try await TestApp.make().run { client in
            try await client.klagomal(received: "2025-02-01", type: "klagomal")
            try await client.klagomal(received: "2025-03-01", type: "berom")
            try await client.klagomal(received: "2025-04-01", source: "personal", submitter: "personal", type: "synpunkt")
            try await client.klagomal(received: "2024-04-01", source: "personal", submitter: "personal")
            let report = try await client.report()
            #expect(figure(report, "received.klagomalUtomstaende.count") as? Int == 2)
            #expect(figure(report, "received.klagomalPersonal.count") as? Int == 1)
            #expect(figure(report, "received.klagomalPersonal.previousYear") as? Int == 1)
        }
    }

    @Test func aUnitsSubtreeCountsOnlyItsOwnRecords() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr-s1", received: "2025-03-01")
            try await client.avvikelse(unit: "ifo", received: "2025-03-01")
            try await client.avvikelse(unit: "vuxen", received: "2025-03-01")
            #expect(figure(try await client.report(), "received.kvalitetsavvikelser.count") as? Int == 3)
            let ifo = try await client.report("?unitId=ifo-utr")
            #expect(ifo["unitId"] as? String == "ifo-utr")
            #expect(figure(ifo, "received.kvalitetsavvikelser.count") as? Int == 1)
            #expect(figure(ifo, "riskanalyser.coverage.departments.total") as? Int == 1)
            #expect(figure(try await client.report("?unitId=vuxen"), "received.kvalitetsavvikelser.count") as? Int == 1)
            let unknown = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?unitId=finns-inte", as: "lasare")
            #expect(unknown.status == .notFound)
        }
    }

    @Test func aScopedTokenSeesOnlyItsUnitsInTheReport() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr-s1", received: "2025-03-01")
            try await client.avvikelse(unit: "vuxen", received: "2025-03-01")
            let scoped = try await client.report(as: "ifo-kvalitet")
            #expect(figure(scoped, "received.kvalitetsavvikelser.count") as? Int == 1)
            let outside = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?unitId=vuxen", as: "ifo-kvalitet")
            #expect(outside.status == .notFound)
        }
    }

    @Test func rolesAndBadParameters() async throws {
        try await TestApp.make().run { client in
            #expect(try await client.send(.get, "/api/v1/kvalitetsberattelse/2025", as: "rapportor").status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/kvalitetsberattelse/2025", as: nil).status == .unauthorized)
            for query in ["/25", "/abcd", "/2025?analysisFrom=2025-02-30", "/2025?format=pdf", "/2025?unit=ifo",
                          "/2025?analysisFrom=2025-06-01&analysisTo=2025-01-01", "/0999"] {
                let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse\(query)", as: "lasare")
                #expect(reply.status == .badRequest, "\(query): \(reply.body)")
                #expect(reply.isProblem)
            }
        }
    }

    @Test func theReportNeverContainsFreeTextInAnyFormat() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr", received: "2025-01-10", closed: "2025-02-01")
            try await client.klagomal(received: "2025-02-01", closed: "2025-03-01")
            for format in ["json", "html", "csv"] {
                let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=\(format)", as: "lasare")
                #expect(reply.status == .ok)
                #expect(!reply.body.contains("HEMLIG"), "\(format)")
            }
        }
    }

    @Test func htmlIsAPrintableSwedishPageWithChartsAndFiguresAsTheReportPhrasesThem() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr", received: "2024-05-01")
            try await client.avvikelse(unit: "ifo-utr", received: "2025-05-01")
            try await client.avvikelse(unit: "vuxen", received: "2025-06-01")
            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025", as: "lasare", headers: [.accept: "text/html"])
            #expect(reply.headers[.contentType] == "text/html; charset=utf-8")
            #expect(reply.body.hasPrefix("<!DOCTYPE html><html lang=\"sv\">"))
            #expect(reply.body.contains("<h1>Kvalitetsberättelse 2025</h1>"))
            #expect(reply.body.contains("Kvalitetsavvikelser</td><td class=\"n\">2 (1)</td>"))
            #expect(reply.body.contains("<svg") && reply.body.contains("Barn och unga") && reply.body.contains("Vuxna"))
            #expect(!reply.body.contains("<script") && !reply.body.contains("src=") && !reply.body.contains("<link"))
        }
    }

    @Test func csvHasTheFiguresFlat() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(unit: "ifo-utr", received: "2025-05-01")
            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=csv", as: "lasare")
            #expect(reply.body.hasPrefix("\u{FEFF}figur;varde\r\n"))
            #expect(reply.body.contains("received.kvalitetsavvikelser.count;1\r\n"))
            #expect(reply.body.contains("received.kvalitetsavvikelser.series.2025;1\r\n"))
            #expect(reply.body.contains("received.kvalitetsavvikelser.byArea.Barn och unga.series.2025;1\r\n"))
            #expect(reply.body.contains("tillsyn.ivo.decisions;0\r\n"))
            #expect(reply.body.contains("handlingTimes.lexSarah.medianDays;\r\n"))
        }
    }
}
