import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import KvalitetServer

@Suite("Listing and exporting")
struct ListAndCSVTests {
    @Test func listsFilterAndPageWithAnOpaqueCursor() async throws {
        try await TestApp.make().run { client in
            for (index, date) in ["2025-01-10", "2025-02-10", "2025-03-10"].enumerated() {
                _ = try await client.createAvvikelse(unit: index == 1 ? "vuxen" : "ifo-utr-s1", on: date)
            }
            let page1 = try await client.send(.get, "/api/v1/avvikelser?limit=2")
            #expect(page1.items.map { $0["id"] as? String } == ["AVV-2025-0003", "AVV-2025-0002"])
            let cursor = try #require(page1.json["nextCursor"] as? String)
            let page2 = try await client.send(.get, "/api/v1/avvikelser?limit=2&cursor=\(cursor)")
            #expect(page2.items.map { $0["id"] as? String } == ["AVV-2025-0001"])
            #expect(page2.json["nextCursor"] is NSNull)
            #expect(try await client.send(.get, "/api/v1/avvikelser?unitId=ifo").items.count == 2)
            #expect(try await client.send(.get, "/api/v1/avvikelser?from=2025-02-01&to=2025-02-28").items.count == 1)
            #expect(try await client.send(.get, "/api/v1/avvikelser?status=inkommen&category=dokumentation&q=journal").items.count == 3)
        }
    }

    @Test func listItemsCarryNoDescriptionOrMeasures() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse(#","description":"Känsliga uppgifter om brukaren""#)
            let item = try #require(try await client.send(.get, "/api/v1/avvikelser").items.first)
            #expect(item["description"] == nil)
            #expect(item["measures"] == nil)
            #expect(item["title"] as? String == "Journal saknades")
        }
    }

    @Test func badQueryParametersAre400WithEveryParameterNamed() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/avvikelser?limit=0&cursor=xyz&from=2025-13-01&status=klar&statsu=1")
            #expect(reply.status == .badRequest)
            let names = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["parameter"] as? String }
            #expect(Set(names) == ["limit", "cursor", "from", "status", "statsu"])
        }
    }

    @Test func csvIsExcelFriendlyAndLeavesOutFreeTextByDefault() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse(#","description":"Hemligt; känsligt""#)
            let reply = try await client.send(.get, "/api/v1/avvikelser", headers: [.accept: "text/csv"])
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(reply.body.hasPrefix("\u{FEFF}id;status;unitId;receivedOn"))
            #expect(!reply.body.contains("Hemligt"))
            #expect(!reply.body.contains("Journal saknades"))
            let lines = reply.body.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[1].hasPrefix("AVV-2025-0001;inkommen;ifo-utr;2025-03-02;"))
        }
    }

    @Test func csvWithTextIncludesItQuotedAndAuditsEveryRecord() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse(#","description":"Hemligt; \"citerat\"""#)
            let reply = try await client.send(.get, "/api/v1/avvikelser?format=csv&includeText=true")
            #expect(reply.body.contains("\"Hemligt; \"\"citerat\"\"\""))
            let audit = try await client.send(.get, "/api/v1/audit?recordId=AVV-2025-0001")
            #expect(audit.items.map { $0["action"] as? String } == ["export", "create"])
        }
    }
}
