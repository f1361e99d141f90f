import Foundation
import KvalitetDomain
@testable import KvalitetKolada
@testable import KvalitetServer
import Testing

@Suite(.serialized) struct KoladaClientTests {
    /// A generous timeout: the machine may be busy, and a timeout here would mean a retry the test did not ask for.
    static func client(_ base: URL, timeout: Double = 10) -> KoladaClient {
        var client = KoladaClient(baseURL: base, clock: FixedClock(TestApp.noon))
        client.timeout = timeout
        client.maxAttempts = 2
        client.backoff = { _ in }
        return client
    }

    @Test func followsPagingKeepsTotalsAndSkipsDeletedAndNulls() async throws {
        try await KoladaFixture.run { base in
            let values = try await Self.client(base)
                .fetch(kpi: "U33461", municipalities: ["1315", "G36535", "0000"], years: 2024...2025).values
            #expect(values.map { "\($0.municipality)/\($0.year)/\($0.value)" } == ["1315/2024/87.5", "G36535/2024/84.0", "0000/2024/86.1"])
            #expect(values.allSatisfy { $0.fetchedAt == TestApp.noon && $0.kpi == "U33461" })
        }
    }

    @Test func chunksIdsAndYearsIntoSeveralRequests() async throws {
        try await KoladaFixture.run { base in
            var client = Self.client(base)
            client.idsPerRequest = 2
            client.yearsPerRequest = 3
            KoladaFixture.requests.withLock { $0.removeAll() }
            _ = try await client.fetch(kpi: "U33462", municipalities: ["1315", "G36535", "0000"], years: 2020...2025)
            let first = KoladaFixture.requests.withLock { $0 }.filter { $0.contains("/data/kpi/U33462/") }
            #expect(first == ["/v3/data/kpi/U33462/municipality/1315,G36535/year/2020,2021,2022",
                              "/v3/data/kpi/U33462/municipality/1315,G36535/year/2023,2024,2025",
                              "/v3/data/kpi/U33462/municipality/0000/year/2020,2021,2022",
                              "/v3/data/kpi/U33462/municipality/0000/year/2023,2024,2025"])
        }
    }

    @Test func refusalsTimeoutsAndBadAnswersAreClearErrors() async throws {
        try await KoladaFixture.run { base in
            let client = Self.client(base)
            await #expect { try await client.fetch(kpi: "U99999", municipalities: ["1315"], years: 2024...2024) } throws: { error in
                guard case KoladaError.refused(422, _, let detail) = error else { return false }
                return detail.contains("Unknown KPI")
            }
            let impatient = Self.client(base, timeout: 0.5)
            await #expect { try await impatient.fetch(kpi: "U00001", municipalities: ["1315"], years: 2024...2024) } throws: { error in
                guard case KoladaError.unavailable(_, 2, let last) = error else { return false }
                return last.contains("timed out")
            }
            await #expect { try await client.fetch(kpi: "U00002", municipalities: ["1315"], years: 2024...2024) } throws: { error in
                if case KoladaError.notJSON = error { return true } else { return false }
            }
            // A 503 is retried (with backoff), and the second attempt succeeds.
            let retried = try await client.fetch(kpi: "U00500", municipalities: ["1315"], years: 2024...2024)
            #expect(retried.values.count == 3)
        }
    }

    @Test func nextURLMustStayOnTheConfiguredAPI() throws {
        let page = try KoladaPage.decode(Data(#"{"values":[],"count":0,"next_url":"http://evil.example/v3/x"}"#.utf8),
                                         url: URL(string: "http://127.0.0.1/v3")!, fetchedAt: TestApp.noon)
        #expect(page.next == "http://evil.example/v3/x" && page.values.isEmpty)
        #expect(throws: KoladaError.self) {
            try KoladaPage.decode(Data(#"{"rows":[]}"#.utf8), url: URL(string: "http://127.0.0.1/v3")!, fetchedAt: TestApp.noon)
        }
    }
}

@Suite(.serialized) struct KoladaHTTPTests {
    @Test func importEndpointStoresValuesApartAndTheReportShowsThem() async throws {
        try await KoladaFixture.run { base in
            let app = try await TestApp.make { $0.koladaBaseURL = base }
            try await app.run { client in
                try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body)
                try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2024", json: #"{"value":88}"#)
                try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2023", json: #"{"value":70.5}"#)
                let body = #"{"municipality":"1315","group":"G36535","years":"2023-2024"}"#
                #expect(try await client.send(.post, "/api/v1/nyckeltal/KF24/kolada-import", as: "kvalitet", json: body).status == .forbidden)
                let imported = try await client.send(.post, "/api/v1/nyckeltal/KF24/kolada-import", json: body)
                #expect(imported.status == .ok && imported.json["stored"] as? Int == 3, "\(imported.body)")
                let bad = try await client.send(.post, "/api/v1/nyckeltal/KF24/kolada-import", json: #"{"municipality":"G1","years":"2024-2020","x":1}"#)
                #expect(Set(bad.pointers) == ["/municipality", "/years", "/x"], "\(bad.body)")
                let values = try await client.send(.get, "/api/v1/nyckeltal/KF24/kolada?scope=grupp", as: "lasare")
                #expect(values.items.map { $0["municipality"] as? String } == ["G36535"])
                #expect(values.items.first?["value"] as? Double == 84 && values.items.first?["period"] as? Int == 2024)
                #expect(values.items.first?["fetchedAt"] as? String == "2026-01-15T12:00:00.000Z")
                let report = try await client.send(.get, "/api/v1/kvalitetsberattelse/2024", as: "lasare")
                let figure = try #require((report.json["nyckeltal"] as? [[String: Any]])?.first)
                #expect(figure["value"] as? Int == 88 && figure["level"] as? String == "gul")
                #expect(figure["previousYear"] as? Double == 70.5 && figure["previousLevel"] as? String == "rod")
                let comparison = try #require(figure["comparison"] as? [String: Any])
                #expect((comparison["municipality"] as? [String: Any])?["value"] as? Double == 87.5)
                #expect((comparison["group"] as? [String: Any])?["id"] as? String == "G36535")
                #expect((comparison["national"] as? [String: Any])?["value"] as? Double == 86.1)
                let csv = try await client.send(.get, "/api/v1/kvalitetsberattelse/2024?format=csv", as: "lasare")
                #expect(csv.body.contains("nyckeltal.KF24.level;gul") && csv.body.contains("nyckeltal.KF24.comparison.group.value;84,0"))
                let html = try await client.send(.get, "/api/v1/kvalitetsberattelse/2024?format=html", as: "lasare")
                #expect(html.body.contains("<h2>Nyckeltal 2024</h2>") && html.body.contains("88\u{00A0}%"))
                let empty = try await client.send(.get, "/api/v1/kvalitetsberattelse/2020", as: "lasare")
                let none = try #require((empty.json["nyckeltal"] as? [[String: Any]])?.first)
                #expect(none["value"] is NSNull && none["level"] is NSNull && none["previousYear"] is NSNull)
            }
        }
    }

    @Test func aFailingKoladaIsABadGatewayAndStoresNothing() async throws {
        try await KoladaFixture.run { base in
            let app = try await TestApp.make { $0.koladaBaseURL = base }
            try await app.run { client in
                try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body.replacingOccurrences(of: "U33461", with: "U99999"))
                let reply = try await client.send(.post, "/api/v1/nyckeltal/KF24/kolada-import", json: #"{"municipality":"1315","years":"2024"}"#)
                #expect(reply.status == .badGateway && reply.isProblem && (reply.json["detail"] as? String)?.contains("422") == true)
                #expect(try await client.send(.get, "/api/v1/nyckeltal/KF24/kolada").items.isEmpty)
                try await client.send(.put, "/api/v1/nyckeltal/OWN", json: kf24Body.replacingOccurrences(of: #""U33461""#, with: "null"))
                #expect(try await client.send(.post, "/api/v1/nyckeltal/OWN/kolada-import", json: #"{"municipality":"1315","years":"2024"}"#).status == .conflict)
            }
        }
    }
}

@Suite struct KoladaConnectionFailureTests {
    /// Regression (contract run): a transport error that is not retried (there: an unknown host)
    /// surfaced as a raw URLError, answered 500. An unsupported scheme fails the same way, locally.
    @Test func aTransportErrorThatIsNotRetriedIsAKoladaErrorSoTheAnswerIs502() async throws {
        var client = KoladaClient(baseURL: URL(string: "gopher://127.0.0.1:9/v3")!, clock: FixedClock(TestApp.noon))
        client.timeout = 5
        client.maxAttempts = 1
        client.backoff = { _ in }
        await #expect(throws: KoladaError.self) {
            try await client.fetch(kpi: "U33461", municipalities: ["1315"], years: 2024...2024)
        }
    }
}
