import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The kvalitetsberättelse reads the facts the five families write: one of each is counted.
@Suite("The families in the kvalitetsberättelse")
struct FamiliesReportTests {
    @Test func oneRecordOfEachFamilyShowsUpInTheYearsFigures() async throws {
        try await TestApp.make().run { client in
            for family in Family.all { try await client.create(family.collection, family.body) }
            let lxs = "/api/v1/lex-sarah/LXS-2025-0001"
            try await client.patch(lxs, #"{"ivo":{"reportedOn":"2025-03-05","channel":"e_tjanst"}}"#, version: 1)
            let rsk = "/api/v1/riskanalyser/RSK-2025-0001"
            try await client.step(rsk, to: "pagaende", version: 1)
            try await client.step(rsk, to: "genomford", version: 2,
                                  #","performedOn":"2025-09-02","risks":[{"description":"x","probability":3,"consequence":3}]"#)
            let voided = try await client.create(Family.tillsynsbeslut.collection, Family.tillsynsbeslut.body)
            try await client.send(.delete, "/api/v1/tillsynsbeslut/\(voided.json["id"] as? String ?? "")?reason=dubblett", headers: [.ifMatch: "\"1\""])

            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025", as: "lasare")
            #expect(reply.status == .ok, "\(reply.body)")
            let report = reply.json
            let received = report["received"] as? [String: [String: Any]] ?? [:]
            #expect(received["klagomalUtomstaende"]?["count"] as? Int == 1)
            #expect(received["lexSarah"]?["count"] as? Int == 1)
            let lexSarah = report["lexSarah"] as? [String: Any] ?? [:]
            #expect(lexSarah["reportedToIvo"] as? Int == 1)
            #expect(lexSarah["openAtYearEnd"] as? Int == 1)
            #expect(lexSarah["investigationsOverdueToIvo"] as? Int == 1)
            let risks = report["riskanalyser"] as? [String: Any] ?? [:]
            #expect(risks["count"] as? Int == 1)
            #expect(risks["highRisks"] as? Int == 1)
            let tillsyn = report["tillsyn"] as? [[String: Any]] ?? []
            #expect(tillsyn.first { $0["authority"] as? String == "ivo" }?["decisions"] as? Int == 1)
        }
    }
}
