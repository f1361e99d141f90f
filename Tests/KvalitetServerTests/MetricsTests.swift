import Foundation
import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import KvalitetStorage
import Testing

/// The registry is one per process, shared by every in-process app of the test run: these tests
/// compare a counter before and after their own requests, and read gauges from the scrape that set them.
@Suite("GET /metrics")
struct MetricsTests {
    static let metricsToken = "metrics-" + String(repeating: "s", count: 40)
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func metricsAnswerAnAdminOrTheMetricsTokenAndNoOneElse() async throws {
        try await TestApp.make { $0.metricsToken = Self.metricsToken }.run { client in
            let admin = try await client.send(.get, "/metrics")
            #expect(admin.status == .ok)
            #expect(admin.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let scraper = try await client.send(.get, "/metrics", as: nil, headers: Self.bearer(Self.metricsToken))
            #expect(scraper.status == .ok)
            #expect(try await client.send(.get, "/metrics", as: nil).status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", as: "kvalitet").status == .forbidden)
            #expect(try await client.send(.get, "/metrics", as: "lasare").status == .forbidden)
            let wrong = try await client.send(.get, "/metrics", as: nil, headers: Self.bearer(Self.metricsToken + "x"))
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test func theMetricsTokenOpensNoOtherRoute() async throws {
        try await TestApp.make { $0.metricsToken = Self.metricsToken }.run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", as: nil, headers: Self.bearer(Self.metricsToken))
            #expect(reply.status == .unauthorized)
        }
    }

    @Test func requestsAreCountedByRouteTemplateMethodAndStatusWithoutRecordIds() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let labels = ["route": "/api/v1/avvikelser/{id}", "method": "GET", "status": "200"]
            let before = Exposition(try await client.send(.get, "/metrics").body)
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)").status == .ok)
            #expect(try await client.send(.get, "/api/v1/avvikelser/\(id)").status == .ok)
            let after = Exposition(try await client.send(.get, "/metrics").body)
            let name = "kvalitet_http_requests_total"
            #expect(after.value(name, labels) ?? 0 >= (before.value(name, labels) ?? 0) + 2)
            #expect(after.value("kvalitet_http_request_duration_seconds_count", labels) ?? 0 >= 2)
            let infinity = labels.merging(["le": "+Inf"]) { $1 }
            #expect(after.value("kvalitet_http_request_duration_seconds_bucket", infinity) ?? 0 >= 2)
            #expect(!after.text.contains(id), "a record id is never a label")
        }
    }

    @Test func theWriteQueueReportsItsBatchesAndWaits() async throws {
        try await TestApp.make().run { client in
            _ = try await client.createAvvikelse()
            let text = Exposition(try await client.send(.get, "/metrics").body)
            #expect(text.value("kvalitet_write_batch_jobs_count", [:]) ?? 0 >= 1)
            #expect(text.value("kvalitet_write_wait_seconds_count", [:]) ?? 0 >= 1)
            #expect(text.value("kvalitet_write_batch_jobs_bucket", ["le": "256.0"]) != nil)
        }
    }

    @Test func theScrapeReportsDatabaseSizeRecordsPerFamilyAndOverdueLexSarah() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            _ = try await client.createAvvikelse()
            // Reported to IVO on 2025-10-01: the investigation was due 2025-12-01 and today is 2026-01-15.
            let common = #""unitId":"ifo-utr","reporterRole":"anstalld","kinds":["insats_utford_felaktigt"]"#
            let late = try await client.create("/api/v1/lex-sarah",
                                               #"{\#(common),"title":"Sen","reportedOn":"2025-09-30","#
                + #""ivo":{"reportedOn":"2025-10-01","channel":"e_tjanst"}}"#)
            _ = try await client.create("/api/v1/lex-sarah", #"{\#(common),"title":"I tid","reportedOn":"2026-01-02","#
                + #""ivo":{"reportedOn":"2026-01-05","channel":"e_tjanst"}}"#)
            #expect(late.json["deadlines"] as? [String: Any] != nil)
            let text = Exposition(try await client.send(.get, "/metrics").body)
            #expect(text.value("kvalitet_lex_sarah_overdue", [:]) == 1)
            #expect(text.value("kvalitet_records", ["family": "avvikelse"]) == 1)
            #expect(text.value("kvalitet_records", ["family": "lex_sarah"]) == 2)
            #expect(text.value("kvalitet_records", ["family": "tillsynsbeslut"]) == 0)
            let attributes = try FileManager.default.attributesOfItem(atPath: app.config.databasePath)
            let size = (attributes[.size] as? NSNumber)?.doubleValue
            #expect(text.value("kvalitet_database_bytes", [:]) == size)
            #expect(text.value("kvalitet_database_wal_bytes", [:]) ?? 0 > 0)
            #expect(text.value("kvalitet_storage_writable", [:]) == 1)
            #expect(text.value("kvalitet_last_backup_timestamp_seconds", [:]) == 0, "no backup yet")
        }
    }

    @Test func theLastBackupIsReadFromTheAuditLogTheBackupCommandWrites() async throws {
        let app = try await TestApp.make()
        try await app.services.database.recordBackup(to: "/backup/kvalitet-2026-01-15.sqlite")
        try await app.run { client in
            let text = Exposition(try await client.send(.get, "/metrics").body)
            #expect(text.value("kvalitet_last_backup_timestamp_seconds", [:]) == TestApp.noon.timeIntervalSince1970)
            let audit = try await client.send(.get, "/api/v1/audit?token=kvalitet-backup")
            #expect(audit.items.first?["action"] as? String == "backup")
        }
    }

    @Test func authenticationFailuresAreCountedByReason() async throws {
        let app = try await TestApp.make()
        try await app.services.tokens.revoke(name: "lasare", by: .init(tokenName: "t", role: .admin, unitScope: nil))
        try await app.run { client in
            let before = Exposition(try await client.send(.get, "/metrics").body)
            _ = try await client.send(.get, "/api/v1/kodverk", as: "lasare")
            _ = try await client.send(.get, "/api/v1/kodverk", as: nil, headers: [.authorization: "Bearer kv_nobody"])
            let after = Exposition(try await client.send(.get, "/metrics").body)
            for reason in ["revoked", "unknown"] {
                let name = "kvalitet_authentication_failures_total"
                let labels = ["reason": reason]
                #expect(after.value(name, labels) ?? 0 >= (before.value(name, labels) ?? 0) + 1, "\(reason)")
            }
            #expect(after.value("kvalitet_identity_provider_key_refreshes_total", ["result": "failed"]) != nil)
            #expect(!after.text.contains("kv_nobody"))
        }
    }
}

/// Samples of the Prometheus text format, found by name and exact label set (the real parser's
/// check is `MetricsParserTests` in EndToEndTests).
struct Exposition {
    let text: String
    init(_ text: String) { self.text = text }

    func value(_ name: String, _ labels: [String: String]) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let series = line[..<space]
            let seriesName = series.prefix { $0 != "{" }
            guard seriesName == name else { continue }
            var found: [String: String] = [:]
            if let open = series.firstIndex(of: "{") {
                let body = series[series.index(after: open)..<series.index(before: series.endIndex)]
                for pair in body.split(separator: "\",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    found[String(parts[0])] = String(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                }
            }
            if found == labels { return Double(line[line.index(after: space)...]) }
        }
        return nil
    }
}
