import Foundation
import TestSupport
import Testing

@Suite("The real binary, end to end", .serialized)
struct AvvikelseJourneyTests {
    @Test func aNewUserCreatesATokenAndTakesAnAvvikelseFromReportToClosed() async throws {
        let kvalitet = try Kvalitet()
        let admin = try kvalitet.createToken(name: "e2e-admin", role: "admin")
        #expect(admin.hasPrefix("kv_"))
        let server = try kvalitet.serve()

        let health = try await server.send("GET", "/health", token: nil)
        #expect(health.status == 200)
        #expect(try await server.send("GET", "/api/v1/verksamheter", token: nil).status == 401)

        let unit = try await server.send("PUT", "/api/v1/verksamheter/ifo-utr", token: admin,
                                         json: #"{"name":"Utredning","level":"avdelning","area":"Barn och unga"}"#)
        #expect(unit.status == 201)
        let created = try await server.send("POST", "/api/v1/avvikelser", token: admin, json: """
            {"unitId":"ifo-utr","title":"Journalanteckning saknades","receivedOn":"2025-03-02","category":"dokumentation"}
            """)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/api/v1/avvikelser/AVV-2025-0001")
        #expect(created.header("ETag") == "\"1\"")

        let started = try await server.send("POST", "/api/v1/avvikelser/AVV-2025-0001/transitions", token: admin,
                                            json: #"{"to":"under_utredning"}"#, headers: ["If-Match": "\"1\""])
        #expect(started.status == 200)
        let refused = try await server.send("POST", "/api/v1/avvikelser/AVV-2025-0001/transitions", token: admin,
                                            json: #"{"to":"avslutad","closedOn":"2025-04-01"}"#, headers: ["If-Match": "\"2\""])
        #expect(refused.status == 409)
        #expect(refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let closed = try await server.send("POST", "/api/v1/avvikelser/AVV-2025-0001/transitions", token: admin,
                                           json: #"{"to":"avslutad","closedOn":"2025-04-01","rootCauses":["rutin_ej_foljd"]}"#,
                                           headers: ["If-Match": "\"2\""])
        #expect(closed.status == 200)
        #expect(closed.json["status"] as? String == "avslutad")

        let read = try await server.send("GET", "/api/v1/avvikelser/AVV-2025-0001", token: admin)
        #expect(read.json["version"] as? Int == 3)
        let csv = try await server.send("GET", "/api/v1/avvikelser?format=csv", token: admin)
        #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(server.stop() == 0)

        let check = try kvalitet.run(["check"])
        #expect(check.status == 0)
        #expect(check.out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok\nreport sums: ok")
    }

    @Test func serveOnAnEmptyDatabasePrintsTheFirstAdminTokenOnceWithACurlLine() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve()
        let text = server.log.text
        let token = try #require(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("kv_") })
        #expect(text.contains("curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(server.port)/api/v1/verksamheter"))
        #expect(try await server.send("GET", "/api/v1/verksamheter", token: token).status == 200)
        #expect(server.stop() == 0)
        let again = try kvalitet.serve()
        #expect(!again.log.text.contains("kv_"))
        #expect(again.stop() == 0)
    }

    @Test func aRevokedTokenStopsWorkingAndTokenListShowsNoSecrets() async throws {
        let kvalitet = try Kvalitet()
        let token = try kvalitet.createToken(name: "dashboard", role: "lasare")
        #expect(try kvalitet.run(["token", "revoke", "dashboard"]).status == 0)
        let list = try kvalitet.run(["token", "list"])
        #expect(list.out.contains("dashboard\tlasare"))
        #expect(!list.out.contains(token))
        let server = try kvalitet.serve()
        #expect(try await server.send("GET", "/api/v1/kodverk", token: token).status == 401)
        #expect(server.stop() == 0)
    }

    @Test func aTokenRevokedFromTheCommandLineWhileTheServerRunsFailsAtItsNextRequest() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve()
        // Created by another process while the server runs: known at once, and unknown at once after revoking.
        let token = try kvalitet.createToken(name: "dashboard", role: "lasare")
        #expect(try await server.send("GET", "/api/v1/kodverk", token: token).status == 200)
        #expect(try kvalitet.run(["token", "revoke", "dashboard"]).status == 0)
        #expect(try await server.send("GET", "/api/v1/kodverk", token: token).status == 401)
        #expect(server.stop() == 0)
    }

    @Test func badConfigurationFailsAtStartWithEveryProblemListed() throws {
        let kvalitet = try Kvalitet()
        let process = Child()
        process.executableURL = URL(fileURLWithPath: Kvalitet.binary)
        process.arguments = ["serve", "--port", "99999", "--log-level", "loud", "--database", kvalitet.database]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("--port") && text.contains("--log-level"))
    }

    @Test func aDatabaseNewerThanTheBinaryIsRefusedWithAClearMessage() throws {
        let kvalitet = try Kvalitet()
        #expect(try kvalitet.run(["migrate"]).status == 0)
        let sqlite = Child()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", kvalitet.database, "INSERT INTO grdb_migrations VALUES ('0999_future')"]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "sqlite3 is needed for this test")
        let result = try kvalitet.run(["migrate"])
        #expect(result.status != 0)
        #expect(result.err.contains("newer than this binary"))
    }
}
