import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

/// Every CSV export opened as Swedish Excel users open it, by LibreOffice Calc in sv-SE: numbers are
/// numbers, negative ones negative, dates are dates, text starting with = stays text, å ä ö and a
/// line break inside a cell survive.
@Suite("CSV exports in LibreOffice Calc (sv-SE)", .serialized)
struct CSVInCalcTests {
    static let nyckeltal = #"""
        {"name":"Resultat i kronor","description":"","unit":"kronor","direction":"higher_is_better","source":"Egen",
         "qualityLevels":{"rod":{"min":-1000,"max":-0.01},"gul":{"min":0,"max":9.99},"gron":{"min":10,"max":1000}}}
        """#

    /// The exports, fetched after creating records whose cells test each rule.
    func exports(_ client: TestApp.Client) async throws -> [String: [UInt8]] {
        _ = try await client.post("avvikelser", #"""
            {"unitId":"ifo-utr","title":"=1+1 Åsa äter öl","description":"rad ett\nrad två","receivedOn":"2025-03-02","category":"dokumentation"}
            """#)
        try await client.avvikelse(unit: "vuxen", received: "2025-02-01", closed: "2025-03-31")
        let defined = try await client.send(.put, "/api/v1/nyckeltal/RES", json: Self.nyckeltal)
        #expect(defined.status == .created, "\(defined.body)")
        for (period, value) in [("2025Q1", "-3.5"), ("2025Q2", "87.5"), ("2025Q3", "0.47")] {
            let put = try await client.send(.put, "/api/v1/nyckeltal/RES/values/\(period)", json: #"{"unitId":null,"value":\#(value)}"#)
            #expect(put.status == .created, "\(put.body)")
        }
        var files: [String: [UInt8]] = [:]
        for (name, path) in [
            ("records", "/api/v1/avvikelser?format=csv&includeText=true"), ("nyckeltal", "/api/v1/nyckeltal?format=csv"),
            ("values", "/api/v1/nyckeltal/RES/values?format=csv"), ("audit", "/api/v1/audit?format=csv"),
            ("report", "/api/v1/kvalitetsberattelse/2025?format=csv"),
            ("statistik", "/api/v1/statistik?metric=avvikelse.avslutade&interval=month&from=2025-01&to=2025-06&format=csv"),
            ("records-sv", "/api/v1/avvikelser?format=csv&includeText=true&labels=sv"),
            ("values-sv", "/api/v1/nyckeltal/RES/values?format=csv&labels=sv"),
            ("report-sv", "/api/v1/kvalitetsberattelse/2025?format=csv&labels=sv"),
        ] {
            let reply = try await client.send(.get, path)
            #expect(reply.status == .ok && reply.headers[.contentType] == "text/csv; charset=utf-8", "\(path)")
            #expect(reply.body.hasPrefix("\u{FEFF}"), "\(path): a BOM, so that Excel reads UTF-8")
            files[name] = Array(reply.body.utf8)
        }
        return files
    }

    @Test func everyExportOpensWithNumbersDatesAndTextIntact() async throws {
        guard let soffice = Calc.available() else { return }
        try await TestApp.make().run { client in
            let sheets = try Calc.open(try await exports(client), with: soffice)
            let records = sheets["records"] ?? []
            #expect(records.count == 3)
            #expect(records.column("version").map(\.type) == ["float", "float"])
            #expect(records.column("receivedOn").map(\.value).sorted() == ["2025-02-01", "2025-03-02"])
            #expect(records.column("receivedOn").allSatisfy { $0.type == "date" })
            // The clock stands at 12:00 UTC on 15 January: 13:00 in Stockholm.
            #expect(records.column("createdAt").allSatisfy { $0.type == "date" && $0.value == "2026-01-15T13:00:00" })
            let titled = records.column("title").first { $0.text.contains("Åsa") }
            #expect(titled?.type == "string" && titled?.text == "'=1+1 Åsa äter öl")
            #expect(records.column("description").contains { $0.text == "rad ett\nrad två" })

            let values = sheets["values"] ?? []
            let numbers = values.column("value").compactMap(\.number)
            #expect(numbers.count == 3 && abs(numbers.reduce(0, +) - 84.47) < 1e-9)
            #expect(numbers.contains(-3.5))
            let bounds = (sheets["nyckeltal"] ?? []).column("rod.min")
            #expect(bounds.map(\.number) == [-1000])

            let audit = sheets["audit"] ?? []
            #expect(audit.count > 5 && audit.column("id").allSatisfy { $0.type == "float" })
            #expect(audit.column("at").allSatisfy { $0.type == "date" })

            let report = sheets["report"] ?? []
            let closed = report.first { $0.first?.text == "analysis.avvikelser.closed" }
            #expect(closed?.last?.number == 1)
            #expect(report.first { $0.first?.text == "generatedAt" }?.last?.type == "date")

            let statistik = sheets["statistik"] ?? []
            #expect(statistik.column("count").compactMap(\.number).reduce(0, +) == 1)
            #expect(statistik.column("from").first?.type == "date")
        }
    }

    @Test func aSwedishLabelledExportOpensWithSwedishHeadersAndTheKodverksLabels() async throws {
        guard let soffice = Calc.available() else { return }
        try await TestApp.make().run { client in
            let sheets = try Calc.open(try await exports(client), with: soffice)
            let records = sheets["records-sv"] ?? []
            #expect(records.count == 3)
            #expect(records.first?.prefix(3).map(\.text) == ["Ärendenummer", "Status", "Enhet"])
            #expect(records.column("Kategori").map(\.text) == Array(repeating: AvvikelseCategory.dokumentation.label, count: 2))
            #expect(Set(records.column("Status").map(\.text))
                    == [AvvikelseStatus.inkommen.label, AvvikelseStatus.avslutad.label])
            #expect(records.column("Mottagen").allSatisfy { $0.type == "date" })
            #expect(records.column("Version").allSatisfy { $0.type == "float" })
            #expect(records.column("Rubrik").contains { $0.type == "string" && $0.text == "'=1+1 Åsa äter öl" })
            #expect(records.column("Beskrivning").contains { $0.text == "rad ett\nrad två" })
            #expect(records.column("Ändrad").allSatisfy { $0.type == "date" })

            let values = sheets["values-sv"] ?? []
            let numbers = values.column("Värde").compactMap(\.number)
            #expect(numbers.count == 3 && abs(numbers.reduce(0, +) - 84.47) < 1e-9 && numbers.contains(-3.5))
            #expect(values.column("Nivå").map(\.text).contains(QualityLevel.rod.label))

            let report = sheets["report-sv"] ?? []
            #expect(report.first?.map(\.text) == ["Figur", "Värde"])
            let byCategory = report.first { $0.first?.text == "analysis.avvikelser.byCategory.Dokumentation" }
            #expect(byCategory?.last?.number == 1)
        }
    }
}
