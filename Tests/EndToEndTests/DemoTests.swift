import Foundation
import Testing

@Suite("kvalitet demo")
struct DemoTests {
    @Test func theDemoFillsAnEmptyDatabaseSoTheReportHasFiguresOfEveryFamily() async throws {
        let kvalitet = try Kvalitet()
        let demo = try kvalitet.run(["demo", "--years", "1"])
        #expect(demo.status == 0, "\(demo.err)")
        let token = demo.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("kv_"))
        #expect(demo.err.contains("Loaded 13 units"))
        let server = try kvalitet.serve()
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
        let report = try await server.send("GET", "/api/v1/kvalitetsberattelse/\(year)", token: token)
        #expect(report.status == 200)
        let received = report.json["received"] as? [String: [String: Any]] ?? [:]
        for family in ["klagomalUtomstaende", "klagomalPersonal", "kvalitetsavvikelser", "lexSarah"] {
            #expect((received[family]?["count"] as? Int ?? 0) > 0, "\(family)")
        }
        #expect(((report.json["riskanalyser"] as? [String: Any])?["count"] as? Int ?? 0) > 0)
        #expect(((report.json["egenkontroller"] as? [String: Any])?["count"] as? Int ?? 0) > 0)
        #expect(server.stop() == 0)
        let again = try kvalitet.run(["demo"])
        #expect(again.status != 0)
        #expect(again.err.contains("already has units or records"))
    }

    @Test func recordsPicksTheVolumeAndProgressGoesToStandardError() throws {
        let kvalitet = try Kvalitet()
        let demo = try kvalitet.run(["demo", "--years", "1", "--records", "300"])
        #expect(demo.status == 0, "\(demo.err)")
        let loaded = demo.err.firstMatch(of: /Loaded 13 units and (\d+) records/).flatMap { Int($0.1) } ?? 0
        #expect((290...310).contains(loaded), "\(demo.err)")
        #expect(demo.err.contains("records a second"))
        #expect(demo.out.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("kv_"))
        let both = try kvalitet.run(["demo", "--records", "300", "--scale", "1"])
        #expect(both.status != 0)
        #expect(both.err.contains("not both"))
    }
}
