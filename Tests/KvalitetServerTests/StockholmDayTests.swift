import Foundation
import Hummingbird
import KvalitetDomain
@testable import KvalitetServer
import Synchronization
import Testing

/// A clock the test moves, for audit entries at chosen instants.
final class MovableClock: KvalitetClock {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    func now() -> Date { instant.withLock { $0 } }
    func set(_ date: Date) { instant.withLock { $0 = date } }
}

/// Stockholm days over HTTP: date filters cover whole Swedish days, also the 23- and 25-hour ones.
@Suite("Stockholm days")
struct StockholmDayTests {
    /// An audit entry's instant, the day asked for (`from` = `to`) and whether the entry is in it.
    static let auditRows: [(at: String, day: String, included: Bool)] = [
        ("2026-10-25T22:30:00Z", "2026-10-25", true),    // 23:30 local on the 25-hour day
        ("2026-10-25T22:59:59.999Z", "2026-10-25", true),
        ("2026-10-25T23:00:00Z", "2026-10-25", false),   // 00:00 on the 26th
        ("2026-10-24T22:00:00Z", "2026-10-25", true),    // 00:00 local, still summer time
        ("2026-10-24T21:59:59.999Z", "2026-10-25", false),
        ("2026-03-29T21:59:59.999Z", "2026-03-29", true), // 23:59:59.999 on the 23-hour day
        ("2026-03-29T22:00:00Z", "2026-03-29", false),
        ("2026-03-28T23:00:00Z", "2026-03-29", true),
        ("2026-01-15T22:59:59.999Z", "2026-01-15", true),
        ("2026-01-15T23:00:00Z", "2026-01-15", false),
    ]

    @Test func anAuditDateFilterCoversTheWholeSwedishDay() async throws {
        let clock = MovableClock(TestApp.noon)
        let app = try await TestApp.make { $0.clock = clock }
        try await app.run { client in
            for (index, row) in Self.auditRows.enumerated() {
                clock.set(Timestamp.parse(row.at)!)
                let unit = "dag-\(index)"
                let put = try await client.send(.put, "/api/v1/verksamheter/\(unit)",
                                                json: #"{"name":"Dag","level":"sektion"}"#)
                #expect(put.status == .created, "\(put.body)")
                let list = try await client.send(.get, "/api/v1/audit?from=\(row.day)&to=\(row.day)&limit=500")
                #expect(list.status == .ok)
                let found = list.items.contains { ($0["detail"] as? String ?? "").contains(unit) }
                #expect(found == row.included, "\(row.at) on \(row.day): \(list.items.map { $0["at"] ?? "" })")
            }
        }
    }

    @Test func csvTimestampsAreStockholmWallClockTime() async throws {
        let clock = MovableClock(Timestamp.parse("2026-07-15T12:00:00Z")!)
        let app = try await TestApp.make { $0.clock = clock }
        try await app.run { client in
            _ = try await client.createAvvikelse()
            let csv = try await client.send(.get, "/api/v1/avvikelser?format=csv")
            #expect(csv.body.contains(";2026-07-15 14:00:00;"), "\(csv.body)")
            let json = try await client.send(.get, "/api/v1/avvikelser/AVV-2025-0001")
            #expect(json.json["createdAt"] as? String == "2026-07-15T12:00:00.000Z")
        }
    }

    @Test func theKeyFigureCSVsGiveTheirTimestampsInLocalTime() async throws {
        let clock = MovableClock(Timestamp.parse("2026-07-15T12:00:00Z")!)
        let app = try await TestApp.make { $0.clock = clock }
        try await app.run { client in
            #expect(try await client.send(.put, "/api/v1/nyckeltal/KF24", json: kf24Body).status == .created)
            let value = try await client.send(.put, "/api/v1/nyckeltal/KF24/values/2025", json: #"{"value":80}"#)
            #expect(value.status == .created, "\(value.body)")
            let list = try await client.send(.get, "/api/v1/nyckeltal?format=csv", as: "lasare")
            #expect(list.body.contains(";1;2026-07-15 14:00:00;"), "\(list.body)")
            let values = try await client.send(.get, "/api/v1/nyckeltal/KF24/values?format=csv", as: "lasare")
            #expect(values.body.contains(";1;2026-07-15 14:00:00;"), "\(values.body)")
        }
    }

    @Test func theReportsCSVGivesItsTimestampInLocalTime() async throws {
        let app = try await TestApp.make { $0.clock = FixedClock(Timestamp.parse("2026-01-15T23:30:00Z")!) }
        try await app.run { client in
            let csv = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=csv", as: "lasare")
            #expect(csv.body.contains("generatedAt;2026-01-16 00:30:00\r\n"), "\(csv.body.prefix(300))")
        }
    }

    @Test func theHTMLReportIsDatedWithTheStockholmDate() async throws {
        // 23:30 UTC on 15 January is already 16 January in Stockholm.
        let app = try await TestApp.make { $0.clock = FixedClock(Timestamp.parse("2026-01-15T23:30:00Z")!) }
        try await app.run { client in
            let html = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=html", as: "lasare")
            #expect(html.status == .ok)
            #expect(html.body.contains("Framtagen 2026-01-16"), "\(html.body.prefix(600))")
        }
    }
}
