import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
@testable import KvalitetServer
import Testing

/// `?labels=sv` on every CSV export: Swedish column headers from the one place each export's
/// columns are described (a family's field table), and code cells as `GET /api/v1/kodverk` labels them.
@Suite("CSV exports with Swedish labels")
struct CSVLabelsHTTPTests {
    /// Each family's body (`Family`), with the field its category code is in.
    static let families: [(family: Family, field: String)] = [
        (.klagomal, "subject"), (.lexSarah, "kinds"), (.riskanalys, "trigger"), (.egenkontroll, "area"),
        (.tillsynsbeslut, "subject"),
    ]

    /// The CSV's rows split into cells (no quoted separators in these tests), BOM dropped.
    static func rows(_ reply: TestApp.Reply) -> [[String]] {
        reply.body.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            .filter { !$0.isEmpty }.map { $0.components(separatedBy: ";") }
    }

    /// Every label `GET /api/v1/kodverk` gives `code`, in any list.
    static func kodverkLabels(_ client: TestApp.Client, of code: String) async throws -> Set<String> {
        let lists = try await client.send(.get, "/api/v1/kodverk").json
        return Set(lists.values.flatMap { ($0 as? [[String: Any]]) ?? [] }
            .filter { $0["code"] as? String == code }.compactMap { $0["label"] as? String })
    }

    @Test(arguments: families.indices)
    func aFamilysCSVHasSwedishHeadersAndTheKodverksLabels(index: Int) async throws {
        let (family, field) = Self.families[index]
        try await TestApp.make().run { client in
            try await client.create(family.collection, family.body)
            let plain = Self.rows(try await client.send(.get, family.collection + "?format=csv"))
            let swedish = Self.rows(try await client.send(.get, family.collection + "?format=csv&labels=sv"))
            #expect(plain.count == 2 && swedish.count == 2)
            let headers = swedish.first ?? []
            #expect(headers.count == plain.first?.count, "one Swedish header per column")
            #expect(Set(headers).count == headers.count && !headers.contains(""), "\(headers)")
            #expect(Set(headers).isDisjoint(with: plain.first ?? []), "no field name left: \(headers)")
            let column = plain.first?.firstIndex(of: field) ?? 0
            let labels = try await Self.kodverkLabels(client, of: family.category)
            #expect(labels.contains(swedish[1][column]), "\(field): \(swedish[1][column]) in \(labels)")
            #expect(plain[1][column] == family.category, "without labels, the code")
        }
    }

    @Test func anAvvikelsesCSVShowsStatusCategoryAndBooleansInSwedish() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let rows = Self.rows(try await client.send(.get, "/api/v1/avvikelser?format=csv&labels=sv"))
            #expect(rows.first?.prefix(6) == ["Ärendenummer", "Status", "Enhet", "Mottagen", "Inträffade", "Kategori"])
            #expect(rows.last?[1] == AvvikelseStatus.inkommen.label && rows.last?[5] == "Dokumentation")
        }
    }

    @Test func aLexSarahCSVLabelsItsNestedColumnsAndTheirCodes() async throws {
        try await TestApp.make().run { client in
            try await client.lexSarah(
                reported: "2025-03-02", completed: "2025-03-20", assessment: "allvarligt_missforhallande", ivo: "2025-03-05")
            let rows = Self.rows(try await client.send(.get, "/api/v1/lex-sarah?format=csv&labels=sv"))
            let headers = rows.first ?? []
            let assessment = headers.firstIndex(of: "Bedömning"), channel = headers.firstIndex(of: "Kanal till IVO")
            #expect(assessment != nil && channel != nil, "\(headers)")
            #expect(rows.last?[assessment ?? 0] == LexSarahAssessment.allvarligtMissforhallande.label)
            #expect(rows.last?[channel ?? 0] == IvoChannel.eTjanst.label)
            #expect(headers.contains("Utredning till IVO försenad"))
            #expect(["ja", "nej"].contains(rows.last?[headers.firstIndex(of: "Utredning till IVO försenad") ?? 0] ?? ""))
        }
    }

    @Test func theAuditReportAndKeyFigureCSVsHaveSwedishHeadersAndLabels() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(received: "2025-02-01", closed: "2025-03-31")
            let audit = Self.rows(try await client.send(.get, "/api/v1/audit?format=csv&labels=sv"))
            #expect(audit.first == AuditRoutes.csvColumns.map(\.swedish))
            #expect(audit.first?.prefix(3) == ["Löpnummer", "Tidpunkt", "Händelse"])
            let report = Self.rows(try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=csv&labels=sv"))
            #expect(report.first == ["Figur", "Värde"])
            #expect(report.contains(["analysis.avvikelser.byCategory.Dokumentation", "1"]))
            let plainReport = Self.rows(try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=csv"))
            #expect(plainReport.contains(["analysis.avvikelser.byCategory.dokumentation", "1"]))
            let defined = try await client.send(.put, "/api/v1/nyckeltal/RES", json: CSVInCalcTests.nyckeltal)
            #expect(defined.status == .created)
            let put = try await client.send(.put, "/api/v1/nyckeltal/RES/values/2025Q1", json: #"{"unitId":null,"value":-3.5}"#)
            #expect(put.status == .created)
            let list = Self.rows(try await client.send(.get, "/api/v1/nyckeltal?format=csv&labels=sv"))
            #expect(list.first?.prefix(5) == ["Kod", "Namn", "Beskrivning", "Måttenhet", "Riktning"])
            #expect(list.last?[3] == NyckeltalUnit.kronor.label && list.last?[4] == NyckeltalDirection.higherIsBetter.label)
            let values = Self.rows(try await client.send(.get, "/api/v1/nyckeltal/RES/values?format=csv&labels=sv"))
            #expect(values.first == ["Kod", "Period", "Enhet", "Värde", "Nivå", "Version", "Ändrad", "Ändrad av"])
            #expect(values.last?[3] == "-3,5" && values.last?[4] == QualityLevel.rod.label)
        }
    }

    @Test func anUnknownLabelsValueIsAProblemOnEveryExport() async throws {
        try await TestApp.make().run { client in
            for path in [
                "/api/v1/avvikelser", "/api/v1/klagomal", "/api/v1/lex-sarah", "/api/v1/riskanalyser",
                "/api/v1/egenkontroller", "/api/v1/tillsynsbeslut", "/api/v1/audit", "/api/v1/kvalitetsberattelse/2025",
                "/api/v1/nyckeltal", "/api/v1/statistik",
            ] {
                let reply = try await client.send(.get, path + "?format=csv&labels=en")
                #expect(reply.status == .badRequest && reply.isProblem, "\(path)")
                let error = (reply.json["errors"] as? [[String: Any]])?.first
                #expect(error?["parameter"] as? String == "labels" && error?["code"] as? String == "not_one_of", "\(path)")
            }
        }
    }
}
