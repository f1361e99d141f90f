import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// `GET /api/v1/statistik`: series from the running sums that equal what the records say.
@Suite("Statistik: dashboard series")
struct StatistikHTTPTests {
    /// Closing dates around month ends, quarter ends and both daylight-saving changes of 2025
    /// (30 March has 23 hours, 26 October 25), plus one voided record that must not count.
    static let closings = [
        ("ifo-utr", "2025-01-31"), ("ifo-utr-s1", "2025-02-01"), ("vuxen", "2025-03-30"), ("ifo-utr", "2025-03-31"),
        ("ifo-utr", "2025-04-01"), ("vuxen", "2025-06-30"), ("ifo-utr-s1", "2025-07-01"), ("ifo-utr", "2025-10-26"),
        ("vuxen", "2025-10-31"), ("ifo-utr", "2025-11-01"), ("ifo-utr", "2025-12-31"), ("vuxen", "2024-12-31"),
    ]

    func seed(_ client: TestApp.Client) async throws {
        for (unit, closed) in Self.closings {
            try await client.avvikelse(unit: unit, received: "2024-12-01", closed: closed)
        }
        try await client.avvikelse(unit: "ifo-utr", received: "2025-02-01", closed: "2025-05-05", voided: true)
    }

    /// Counts per period computed from the records as the list answers them (closing dates).
    func expected(_ client: TestApp.Client, _ periods: [[String: Any]], unitIds: Set<String>? = nil) async throws -> [Int] {
        let list = try await client.send(.get, "/api/v1/avvikelser?limit=500&status=avslutad").items
        let dates = list.filter { unitIds?.contains($0["unitId"] as? String ?? "") ?? true }
            .compactMap { $0["closedOn"] as? String }
        return periods.map { period in
            let from = period["from"] as? String ?? "", to = period["to"] as? String ?? ""
            return dates.filter { $0 >= from && $0 <= to }.count
        }
    }

    func get(_ client: TestApp.Client, _ query: String, as token: String = "lasare") async throws -> [String: Any] {
        let reply = try await client.send(.get, "/api/v1/statistik?" + query, as: token)
        #expect(reply.status == .ok, "\(reply.body)")
        return reply.json
    }

    /// The query parameters a problem names.
    func parameters(_ reply: TestApp.Reply) -> [String] {
        (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["parameter"] as? String }
    }

    static func values(_ json: [String: Any], unitId: String? = nil) -> [Int] {
        let series = json["series"] as? [[String: Any]] ?? []
        let match = series.first { ($0["unitId"] as? String) == unitId }
        return match?["values"] as? [Int] ?? []
    }

    @Test func theSeriesEqualCountsFromTheRecordsByMonthQuarterYearAndOddDays() async throws {
        try await TestApp.make().run { client in
            try await seed(client)
            for query in [
                "interval=month&from=2025-01&to=2025-12", "interval=quarter&from=2025-01&to=2025-12",
                "interval=year&from=2024&to=2025", "interval=quarter&from=2025-03-15&to=2025-10-26",
                "interval=month&from=2024-12-31&to=2025-04-01",
            ] {
                let json = try await get(client, query + "&metric=avvikelse.avslutade")
                let periods = json["periods"] as? [[String: Any]] ?? []
                #expect(!periods.isEmpty)
                #expect(Self.values(json) == (try await expected(client, periods)), "\(query)")
            }
        }
    }

    @Test func monthsEndAtLocalMidnightWhateverTheDaysLength() async throws {
        try await TestApp.make().run { client in
            try await seed(client)
            let json = try await get(client, "metric=avvikelse.avslutade&interval=month&from=2025-03&to=2025-11")
            let periods = (json["periods"] as? [[String: Any]] ?? []).map { $0["period"] as? String ?? "" }
            #expect(periods == (3...11).map { String(format: "2025-%02d", $0) })
            // March holds the 23-hour 30th and the 31st, April starts on the 1st; October holds the 25-hour 26th.
            #expect(Self.values(json) == [2, 1, 0, 1, 1, 0, 0, 2, 1])
        }
    }

    /// Receipt and report dates around the same month ends and daylight-saving changes, for the
    /// metrics that were once summed by year only.
    static let receipts = [
        "2024-12-31", "2025-01-01", "2025-01-31", "2025-03-30", "2025-03-31", "2025-04-01", "2025-06-30",
        "2025-07-01", "2025-10-26", "2025-10-31", "2025-11-01", "2025-12-31",
    ]

    /// Counts per period of the list's records whose `dateField` falls in it.
    func expected(_ client: TestApp.Client, _ collection: String, _ dateField: String, _ periods: [[String: Any]])
        async throws -> [Int]
    {
        let list = try await client.send(.get, "/api/v1/\(collection)?limit=500").items
        let dates = list.compactMap { $0[dateField] as? String }
        return periods.map { period in
            let from = period["from"] as? String ?? "", to = period["to"] as? String ?? ""
            return dates.filter { $0 >= from && $0 <= to }.count
        }
    }

    @Test func receivedAndReportedRecordsAreCountedByMonthAsTheirListsCountThem() async throws {
        try await TestApp.make().run { client in
            for (index, day) in Self.receipts.enumerated() {
                let unit = index.isMultiple(of: 2) ? "ifo-utr" : "vuxen"
                try await client.avvikelse(unit: unit, received: day)
                try await client.klagomal(unit: unit, received: day, source: index.isMultiple(of: 3) ? "personal" : "utomstaende",
                                          submitter: index.isMultiple(of: 3) ? "personal" : "brukare")
                try await client.lexSarah(unit: unit, reported: day)
            }
            try await client.avvikelse(unit: "ifo-utr", received: "2025-02-01", voided: true)
            for (metric, collection, field) in [
                ("avvikelse.mottagna", "avvikelser", "receivedOn"), ("klagomal.mottagna", "klagomal", "receivedOn"),
                ("lex_sarah.rapporterade", "lex-sarah", "reportedOn"),
            ] {
                for query in [
                    "interval=month&from=2025-01&to=2025-12", "interval=quarter&from=2025-03-15&to=2025-10-26",
                    "interval=month&from=2024-12-31&to=2025-04-01", "interval=year&from=2024&to=2025",
                ] {
                    let json = try await get(client, query + "&metric=" + metric)
                    let periods = json["periods"] as? [[String: Any]] ?? []
                    #expect(!periods.isEmpty)
                    let want = try await expected(client, collection, field, periods)
                    #expect(Self.values(json) == want, "\(metric) \(query)")
                    #expect(want.reduce(0, +) > 0, "\(metric) \(query)")
                }
            }
        }
    }

    @Test func everyMetricCanBeAskedForByMonthAndQuarter() async throws {
        try await TestApp.make().run { client in
            for interval in ["month", "quarter"] {
                let json = try await get(client, "interval=\(interval)&from=2025-02-10&to=2025-11-20")
                let metrics = (json["series"] as? [[String: Any]] ?? []).compactMap { $0["metric"] as? String }
                #expect(metrics.count == 13, "\(interval)")
                for series in json["series"] as? [[String: Any]] ?? [] {
                    #expect((series["values"] as? [Int])?.count == (interval == "month" ? 10 : 4))
                }
            }
        }
    }

    @Test func aUnitsSubtreeAndItsBreakdownCountOnlyTheirUnits() async throws {
        try await TestApp.make().run { client in
            try await seed(client)
            let json = try await get(client, "metric=avvikelse.avslutade&interval=year&from=2025&to=2025&unitId=ifo&byUnit=true")
            let ifo: Set<String> = ["ifo", "ifo-utr", "ifo-utr-s1"]
            let periods = json["periods"] as? [[String: Any]] ?? []
            #expect(Self.values(json, unitId: "ifo") == (try await expected(client, periods, unitIds: ifo)))
            #expect(Self.values(json, unitId: "ifo-utr") == [8])
            #expect((json["series"] as? [[String: Any]])?.count == 2)
            let top = try await get(client, "metric=avvikelse.avslutade&interval=year&from=2025&to=2025&byUnit=true")
            #expect(Self.values(top) == [11] && Self.values(top, unitId: "vuxen") == [3] && Self.values(top, unitId: "ifo") == [8])
        }
    }

    @Test func aRecordOfSeveralUnitsCountsOnceInEachPartOfABreakdownThatHoldsAnyOfThem() async throws {
        try await TestApp.make().run { client in
            let units = #"["ifo-utr","ifo-utr-s1","vuxen"]"#
            let created = try await client.send(
                .post, "/api/v1/tillsynsbeslut",
                json: #"{"unitIds":\#(units),"title":"IVO om handläggning","authority":"ivo","caseNumber":"#
                    + #""3.5.1-99/2025","decidedOn":"2025-10-01","subject":"lex_sarah","deficienciesFound":false}"#)
            #expect(created.status == .created, "\(created.body)")
            let query = "metric=tillsynsbeslut.beslut&interval=year&from=2025&to=2025&byUnit=true"
            let top = try await get(client, query)
            #expect(Self.values(top) == [1] && Self.values(top, unitId: "ifo") == [1])
            #expect(Self.values(top, unitId: "vuxen") == [1])
            let ifo = try await get(client, query + "&unitId=ifo")
            #expect(Self.values(ifo, unitId: "ifo") == [1] && Self.values(ifo, unitId: "ifo-utr") == [1])
            let limited = try await get(client, query, as: "ifo-kvalitet")
            #expect(Self.values(limited) == [1] && Self.values(limited, unitId: "ifo") == [1])
            #expect((limited["series"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func aTokenLimitedToUnitsSeesOnlyThemAndNoOtherUnit() async throws {
        try await TestApp.make().run { client in
            try await seed(client)
            let json = try await get(client, "metric=avvikelse.avslutade&interval=year&from=2025&to=2025", as: "ifo-kvalitet")
            #expect(Self.values(json) == [8])
            let other = try await client.send(.get, "/api/v1/statistik?unitId=vuxen", as: "ifo-kvalitet")
            #expect(other.status == .notFound && other.isProblem)
            let form = try await client.send(.get, "/api/v1/statistik", as: "rapportor")
            #expect(form.status == .forbidden)
        }
    }

    @Test func badParametersAreProblemsNamingEachParameter() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(
                .get, "/api/v1/statistik?interval=week&from=2025-13&to=2025-02-30&metric=avvikelse.okand&labels=en&byUnit=1",
                as: "lasare")
            #expect(reply.status == .badRequest && reply.isProblem)
            #expect(Set(parameters(reply)) == ["interval", "from", "to", "metric", "labels", "byUnit"])
            let reversed = try await client.send(.get, "/api/v1/statistik?from=2025-06&to=2025-05", as: "lasare")
            #expect(parameters(reversed) == ["to"])
            let tooLong = try await client.send(.get, "/api/v1/statistik?from=1990-01&to=2025-12", as: "lasare")
            #expect(parameters(tooLong) == ["from"])
        }
    }

    @Test func withoutParametersTheLastTwelveMonthsOfEveryMetric() async throws {
        try await TestApp.make().run { client in
            let json = try await get(client, "")
            #expect(json["from"] as? String == "2025-02-01" && json["to"] as? String == "2026-01-31")
            #expect((json["periods"] as? [Any])?.count == 12)
            let metrics = (json["series"] as? [[String: Any]] ?? []).compactMap { $0["metric"] as? String }
            #expect(metrics.count == 13 && metrics.contains("avvikelse.avslutade") && metrics.contains("avvikelse.mottagna"))
        }
    }

    @Test func aDefaultPeriodNeverStartsBeforeTheYear1000() async throws {
        try await TestApp.make().run { client in
            let json = try await get(client, "interval=year&to=1000")
            #expect(json["from"] as? String == "1000-01-01" && json["to"] as? String == "1000-12-31")
            #expect((json["periods"] as? [[String: Any]])?.map { $0["period"] as? String } == ["1000"])
        }
    }

    @Test func theCSVHasOneRowPerSeriesAndPeriodWithSwedishHeadersOnRequest() async throws {
        try await TestApp.make().run { client in
            try await seed(client)
            let reply = try await client.send(
                .get, "/api/v1/statistik?metric=avvikelse.avslutade&interval=quarter&from=2025&to=2025&format=csv&labels=sv",
                as: "lasare")
            #expect(reply.status == .ok && reply.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = reply.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 5)
            #expect(lines.first?.hasSuffix("Familj;Mått;Enhet;Period;Från;Till;Antal") == true)
            #expect(lines[1] == "Kvalitetsavvikelse;Avslutade avvikelser;Alla enheter;2025-Q1;2025-01-01;2025-03-31;4")
        }
    }
}
