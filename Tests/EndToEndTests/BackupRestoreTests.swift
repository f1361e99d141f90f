import Foundation
import Testing

@Suite("Backup and restore with the real binary")
struct BackupRestoreTests {
    @Test func aBackupTakenWhileServingUnderLoadRestoresToAWorkingServer() async throws {
        let kvalitet = try Kvalitet()
        let token = try kvalitet.createToken(name: "backup", role: "admin")
        let server = try kvalitet.serve()
        try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token, json: #"{"name":"Enhet","level":"sektion"}"#)
        let target = kvalitet.folder + "/kopia.sqlite"
        let writes = Task {
            var created = 0
            for index in 0..<60 {
                let reply = try await server.send("POST", "/api/v1/avvikelser", token: token, json: """
                    {"unitId":"enhet","title":"Under backup \(index)","receivedOn":"2025-03-02","category":"ovrigt"}
                    """)
                if reply.status == 201 { created += 1 }
            }
            return created
        }
        try await Task.sleep(for: .milliseconds(50))
        let backup = try kvalitet.run(["backup", "--to", target])
        #expect(backup.status == 0, "\(backup.err)")
        #expect(try await writes.value == 60)
        #expect(try kvalitet.run(["backup", "--to", target]).status != 0, "a backup never overwrites")
        #expect(server.stop() == 0)

        // Restore: the copy becomes the database of a new server.
        let restored = try Kvalitet()
        try FileManager.default.createDirectory(atPath: restored.folder + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: target, toPath: restored.database)
        #expect(try restored.run(["check"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok\nreport sums: ok")
        let again = try restored.serve()
        let list = try await again.send("GET", "/api/v1/avvikelser?limit=500", token: token)
        #expect(list.status == 200)
        let count = (list.json["items"] as? [Any])?.count ?? -1
        #expect(count >= 0 && count <= 60)
        let next = try await again.send("POST", "/api/v1/avvikelser", token: token,
                                        json: #"{"unitId":"enhet","title":"Efter återläsning","receivedOn":"2025-03-02","category":"ovrigt"}"#)
        #expect(next.status == 201)
        #expect(next.json["id"] as? String == String(format: "AVV-2025-%04d", count + 1))
        #expect(again.stop() == 0)
    }
}
