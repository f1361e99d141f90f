import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

/// A report is computed once per `ETag` (data generation, request, format, unit scope, day): later
/// requests for it get the same bytes, until anything it counts changes.
@Suite("Kvalitetsberättelse: computed once per ETag")
struct ReportCacheTests {
    private let path = "/api/v1/kvalitetsberattelse/2025"

    @Test func anUnchangedReportIsSentAsItWasFirstComputedGeneratedAtIncluded() async throws {
        let clock = MovableClock(TestApp.noon)
        try await TestApp.make { $0.clock = clock }.run { client in
            try await client.avvikelse(received: "2025-03-02")
            let first = try await client.send(.get, path, as: "lasare")
            clock.set(TestApp.noon.addingTimeInterval(60))
            let again = try await client.send(.get, path, as: "lasare")
            #expect(again.status == .ok)
            #expect(again.headers[.eTag] == first.headers[.eTag])
            #expect(again.body == first.body)
            #expect(figure(again.json, "generatedAt") as? String == "2026-01-15T12:00:00.000Z")
        }
    }

    @Test func aWriteInBetweenGivesANewlyComputedReport() async throws {
        let clock = MovableClock(TestApp.noon)
        try await TestApp.make { $0.clock = clock }.run { client in
            let first = try await client.send(.get, path, as: "lasare")
            clock.set(TestApp.noon.addingTimeInterval(60))
            try await client.avvikelse(received: "2025-03-02")
            let after = try await client.send(.get, path, as: "lasare")
            #expect(after.headers[.eTag] != first.headers[.eTag])
            #expect(figure(after.json, "received.kvalitetsavvikelser.count") as? Int == 1)
            #expect(figure(after.json, "generatedAt") as? String == "2026-01-15T12:01:00.000Z")
        }
    }

    @Test func eachFormatAndScopeIsComputedForItself() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(received: "2025-03-02")
            let json = try await client.send(.get, path, as: "lasare")
            let csv = try await client.send(.get, path + "?format=csv", as: "lasare")
            let scoped = try await client.send(.get, path + "?unitId=vuxen", as: "lasare")
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"kvalitetsberattelse-2025.csv\"")
            #expect(figure(json.json, "received.kvalitetsavvikelser.count") as? Int == 1)
            #expect(figure(scoped.json, "received.kvalitetsavvikelser.count") as? Int == 0)
            let jsonAgain = try await client.send(.get, path, as: "lasare")
            #expect(jsonAgain.body == json.body)
            #expect(jsonAgain.headers[.contentType] == "application/json; charset=utf-8")
        }
    }
}
