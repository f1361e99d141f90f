import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
import KvalitetStorage
import Testing

@testable import KvalitetServer

@Suite("Receipts for forms and the audit log's export, over HTTP")
struct ReceiptAndAuditHTTPTests {
    static let avvikelse =
        #"{"unitId":"ifo-utr","title":"Fall i badrum","receivedOn":"2025-03-02","category":"ovrigt"}"#

    @Test func aFormsCreateReturnsAReceiptThatShowsTheRecordFor24HoursAndIsAudited() async throws {
        let clock = ManualClock(TestApp.noon)
        let app = try await TestApp.make { $0.clock = clock }
        try await app.run { client in
            let created = try await client.send(.post, "/api/v1/avvikelser", as: "rapportor", json: Self.avvikelse)
            let receipt = created.json["receipt"] as? String ?? ""
            #expect(created.status == .created && receipt.utf8.count >= 40)
            #expect(created.headers[.location] == "/api/v1/kvitton/\(receipt)" && created.headers[.eTag] == nil)
            let shown = try await client.send(.get, "/api/v1/kvitton/\(receipt)", as: nil)
            #expect(shown.status == .ok && shown.json["recordId"] as? String == "AVV-2025-0001")
            #expect(
                shown.json["status"] as? String == "inkommen" && shown.json["receipt"] == nil
                    && !shown.body.contains("Fall i badrum"))
            #expect(shown.json["expiresAt"] as? String == "2026-01-16T12:00:00.000Z")
            let reads = try await app.services.audit.entries(AuditQuery(action: .receiptRead))
            #expect(reads.map(\.recordId) == ["AVV-2025-0001"])
            clock.advance(86_400)
            #expect(try await client.send(.get, "/api/v1/kvitton/\(receipt)", as: nil).status == .notFound)
        }
    }

    @Test func aGuessedReceiptIs404() async throws {
        try await TestApp.make().run { client in
            _ = try await client.send(.post, "/api/v1/avvikelser", as: "rapportor", json: Self.avvikelse)
            let guess = try await client.send(
                .get, "/api/v1/kvitton/kvitto_" + String(repeating: "A", count: 43), as: nil)
            #expect(guess.status == .notFound && guess.isProblem)
        }
    }

    @Test func theReceiptLifetimeIsConfigurable() async throws {
        let clock = ManualClock(TestApp.noon)
        let app = try await TestApp.make {
            $0.clock = clock
            $0.receiptLifetime = 3600
        }
        try await app.run { client in
            let receipt =
                try await client.send(.post, "/api/v1/avvikelser", as: "rapportor", json: Self.avvikelse).json[
                    "receipt"] as? String
            clock.advance(3599)
            #expect(try await client.send(.get, "/api/v1/kvitton/\(receipt ?? "")", as: nil).status == .ok)
            clock.advance(1)
            #expect(try await client.send(.get, "/api/v1/kvitton/\(receipt ?? "")", as: nil).status == .notFound)
        }
    }

    @Test func theAuditLogExportsAsCSVWithTheSameFiltersForAdminsOnly() async throws {
        try await TestApp.makeWithSignIn().run { client in
            let id = try await client.createAvvikelse()
            _ = try await client.send(.get, "/api/v1/avvikelser/\(id)", as: "person-kvalitet")
            _ = try await client.send(.get, "/api/v1/avvikelser/\(id)", as: "kvalitet")
            let csv = try await client.send(.get, "/api/v1/audit?format=csv&person=s-kvalitet", as: "admin")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.count == 2 && lines.first?.contains("personSubject;personName;client") == true)
            #expect(lines.last?.contains(";read;\(id);sub:s-kvalitet;s-kvalitet;Anna Berg;kvalitet-webb;") == true)
            #expect(try await client.send(.get, "/api/v1/audit?format=csv", as: "kvalitet").status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/audit?action=nope", as: "admin").status == .badRequest)
            let failures = try await client.send(.get, "/api/v1/audit?action=auth_failure", as: "admin")
            #expect(failures.status == .ok && failures.items.isEmpty)
        }
    }
}
