import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kvalitet gallring run` killed with SIGKILL in the middle: every batch is one transaction, so
/// what was removed is a whole number of batches, the database checks out, and a second run
/// removes exactly the rest.
@Suite("Gallring killed midway")
struct GallringCrashTests {
    static let families = ["avvikelse", "klagomal", "lex_sarah", "riskanalys", "egenkontroll", "tillsynsbeslut"]

    /// "due on 2040-01-01: N records" from `gallring plan`.
    private func due(_ kvalitet: Kvalitet) throws -> Int {
        let plan = try kvalitet.run(["gallring", "plan", "--as-of", "2040-01-01"])
        #expect(plan.status == 0, "\(plan.err)")
        let last = plan.out.split(separator: "\n").last ?? ""
        return Int(last.split(separator: " ").dropLast().last ?? "") ?? -1
    }

    @Test func aRunKilledMidwayLeavesWholeBatchesAndAConsistentDatabase() async throws {
        let kvalitet = try Kvalitet()
        let demo = try kvalitet.run(["demo", "--scale", "0.3", "--years", "3"])
        #expect(demo.status == 0, "\(demo.err)")
        let admin = try kvalitet.createToken(name: "admin-test", role: "admin")
        let server = try kvalitet.serve()
        for family in Self.families {
            let rule = #"{"family":"\#(family)","years":0,"basis":"closed","decision":"Dnr 1","earkivRequired":false}"#
            let reply = try await server.send(
                "PUT", "/api/v1/gallringsregler/\(family.replacingOccurrences(of: "_", with: "-"))", token: admin,
                json: rule)
            #expect(reply.status == 201)
        }
        #expect(server.stop() == 0)
        let before = try due(kvalitet)
        #expect(before > 100)

        let batch = 5
        let process = Child()
        process.executableURL = URL(fileURLWithPath: Kvalitet.binary)
        process.arguments = [
            "gallring", "run", "--decision", "Dnr 2", "--as-of", "2040-01-01", "--without-earkiv", "Provdata",
            "--batch-size", "\(batch)", "--database", kvalitet.database, "--migrations", Kvalitet.migrations,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("batch committed") {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        process.signal(SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it was killed: \(seen)")

        let check = try kvalitet.run(["check"])
        #expect(check.status == 0, "\(check.out)\(check.err)")
        let left = try due(kvalitet)
        #expect(left > 0 && left < before)
        #expect((before - left) % batch == 0, "removed \(before - left), not whole batches of \(batch)")

        let rest = try kvalitet.run(["gallring", "run", "--decision", "Dnr 2", "--as-of", "2040-01-01",
                                     "--without-earkiv", "Provdata"])
        #expect(rest.status == 0, "\(rest.err)")
        #expect(rest.out.hasPrefix("removed \(left) records"))
        #expect(try due(kvalitet) == 0)
        #expect(try kvalitet.run(["check"]).status == 0)
    }
}
