import Foundation
import TestSupport
import Testing

@Suite("Operations with the real binary: version, backup time in /metrics, the metrics token")
struct OperationsTests {
    @Test func versionPrintsTheBuildsVersionAloneAndHealthSaysTheSame() async throws {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: Kvalitet.binary)
        process.arguments = ["--version"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let version = printed.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." })

        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        _ = try kvalitet.createToken(name: "drift", role: "admin")
        let server = try kvalitet.serve()
        let health = try? await server.send("GET", "/health", token: nil)
        let ready = try? await server.send("GET", "/health/ready", token: nil)
        #expect(server.stop() == 0)
        #expect(health?.json["version"] as? String == version)
        #expect(ready?.status == 200)
    }

    @Test func aBackupByTheCommandLineIsTheLastBackupTheServerReports() async throws {
        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        let metricsToken = String(repeating: "m", count: 40)
        _ = try kvalitet.createToken(name: "drift", role: "admin")
        let server = try kvalitet.serve(environment: ["KVALITET_METRICS_TOKEN": metricsToken])
        do {
            let before = try await server.send("GET", "/metrics", token: metricsToken)
            #expect(before.status == 200)
            #expect(String(decoding: before.body, as: UTF8.self).contains("\nkvalitet_last_backup_timestamp_seconds 0"))
            let started = Date()
            let backup = try kvalitet.run(["backup", "--to", kvalitet.folder + "/kopia.sqlite"])
            #expect(backup.status == 0, "\(backup.err)")
            let scrape = try await server.send("GET", "/metrics", token: metricsToken)
            let after = String(decoding: scrape.body, as: UTF8.self)
            let line = after.split(separator: "\n").first { $0.hasPrefix("kvalitet_last_backup_timestamp_seconds ") }
            let seconds = line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            #expect(abs(seconds - started.timeIntervalSince1970) < 60, "\(line ?? "no line")")
        } catch {
            _ = server.stop()
            throw error
        }
        #expect(server.stop() == 0)
    }
}
