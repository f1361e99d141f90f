import Foundation
import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import KvalitetStorage
import Logging
import Testing

@Suite("/health/ready and start-up progress")
struct ReadinessTests {
    @Test func aMigratedWritableDatabaseIsReadyWithVersionsInTheBody() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/health/ready", as: nil)
            #expect(reply.status == .ok)
            #expect(reply.json["status"] as? String == "ready")
            #expect(reply.json["version"] as? String == KvalitetVersion.current)
            #expect(reply.json["schemaVersion"] as? Int == Migrations.binaryVersion)
            #expect(reply.json["checks"] as? [String: Bool] == ["migrations": true, "databaseWritable": true])
        }
    }

    @Test func anAddedCheckThatFailsMakesTheServiceNotReadyAndSaysWhich() async throws {
        let app = try await TestApp.make {
            $0.readinessChecks = [ReadinessCheck(name: "identityProviderKeys") { false }]
        }
        try await app.run { client in
            let reply = try await client.send(.get, "/health/ready", as: nil)
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.json["status"] as? String == "not_ready")
            let checks = reply.json["checks"] as? [String: Bool]
            #expect(checks == ["migrations": true, "databaseWritable": true, "identityProviderKeys": false])
            #expect(try await client.send(.get, "/health", as: nil).status == .ok, "alive, only not ready")
        }
    }

    @Test func aDatabaseBehindTheBinarysSchemaIsNotReady() async throws {
        let app = try await TestApp.make()
        try await app.services.database.pool.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE ?",
                           arguments: [String(format: "%04d_%%", Migrations.binaryVersion)])
        }
        try await app.run { client in
            let reply = try await client.send(.get, "/health/ready", as: nil)
            #expect(reply.status == .serviceUnavailable)
            #expect((reply.json["checks"] as? [String: Bool])?["migrations"] == false)
            #expect(reply.json["schemaVersion"] as? Int == Migrations.binaryVersion - 1)
        }
    }

    @Test func startingOnANewDatabaseLogsEachMigrationBeforeAndAfterItRuns() async throws {
        let log = CapturedLog()
        var config = AppConfig()
        let folder = NSTemporaryDirectory() + "kvalitet-start-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        config.databasePath = folder + "/kvalitet.sqlite"
        config.migrationsPath = TestApp.migrations
        _ = try AppServices.open(config, logger: log.logger())
        let lines = log.objects
        for version in 1...Migrations.binaryVersion {
            func logged(_ message: String) -> [String: Any]? {
                lines.first { $0["message"] as? String == message && $0["version"] as? String == "\(version)" }
            }
            #expect(logged("applying migration") != nil)
            #expect(logged("applied migration")?["durationMs"] != nil)
        }
    }

    @Test func rebuildingTheReportSumsAtStartLogsEachFamilyWithItsRecords() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            _ = try await client.createAvvikelse()
            _ = try await client.createAvvikelse()
        }
        try await app.services.database.pool.write { db in
            try db.execute(sql: "UPDATE report_counts_state SET built = 0")
        }
        let log = CapturedLog()
        _ = try AppServices.open(app.config, logger: log.logger())
        let lines = log.objects
        let avvikelser = lines.first {
            $0["message"] as? String == "report sums: family rebuilt" && $0["family"] as? String == "avvikelse"
        }
        #expect(avvikelser?["records"] as? String == "2")
        #expect(lines.contains { $0["message"] as? String == "report sums: built" })
    }
}
