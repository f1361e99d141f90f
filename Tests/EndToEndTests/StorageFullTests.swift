import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// End to end: the real server on a 6 MB tmpfs that the test fills with a file, then frees. Needs
/// root (to mount); without it the test fails under CI and is skipped with a reason elsewhere.
@Suite("A full disk with the real binary", .serialized)
struct StorageFullTests {
    static let createBody = #"{"unitId":"enhet","title":"Fullt","receivedOn":"2025-03-02","category":"ovrigt"}"#

    @Test func writesAnswer503StorageFullWhileTheDiskIsFullAndResumeOnceSpaceIsFreed() async throws {
        guard geteuid() == 0 else {
            let reason = "mounting a tmpfs needs root; run the tests as root"
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("\(reason)")
            } else {
                print("skipped: \(reason)")
            }
            return
        }
        let mount = try SmallFileSystem(megabytes: 6)
        defer { mount.remove() }
        let kvalitet = try Kvalitet(folder: mount.path + "/kvalitet")
        let token = try kvalitet.createToken(name: "drift", role: "admin")
        let server = try kvalitet.serve()
        defer { if server.process.isRunning { _ = server.stop() } }
        let unit = try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token,
                                         json: #"{"name":"Enhet","level":"sektion"}"#)
        #expect(unit.status == 201)
        var acknowledged: [String] = []
        for _ in 0..<5 {
            let reply = try await server.send("POST", "/api/v1/avvikelser", token: token, json: Self.createBody)
            #expect(reply.status == 201)
            if let id = reply.json["id"] as? String { acknowledged.append(id) }
        }

        try mount.fill()
        var refused: Server.Reply?
        for _ in 0..<200 where refused == nil {
            let reply = try await server.send("POST", "/api/v1/avvikelser", token: token, json: Self.createBody)
            if reply.status == 201, let id = reply.json["id"] as? String {
                acknowledged.append(id)
            } else {
                refused = reply
            }
        }
        #expect(refused?.status == 503)
        #expect(refused?.json["type"] as? String == "urn:kvalitet:problem:storage-full")
        #expect(refused?.header("Retry-After") == "60")
        let read = try await server.send("GET", "/api/v1/avvikelser/\(acknowledged[0])", token: token)
        #expect(read.status == 503, "an audited read cannot write its audit entry, so it is not answered")
        #expect(read.json["type"] as? String == "urn:kvalitet:problem:storage-full")
        let ready = try await server.send("GET", "/health/ready", token: nil)
        #expect(ready.status == 503)
        #expect((ready.json["checks"] as? [String: Bool])?["databaseWritable"] == false)
        #expect(try await server.send("GET", "/health", token: nil).status == 200, "alive all the same")
        let metrics = String(decoding: try await server.send("GET", "/metrics", token: token).body, as: UTF8.self)
        #expect(metrics.contains("\nkvalitet_storage_writable 0"))
        #expect(!metrics.contains("\nkvalitet_storage_full_errors_total 0"))

        try mount.free()
        let again = try await server.send("POST", "/api/v1/avvikelser", token: token, json: Self.createBody)
        #expect(again.status == 201, "writes resume by themselves")
        if let id = again.json["id"] as? String { acknowledged.append(id) }
        #expect(try await server.send("GET", "/health/ready", token: nil).status == 200)
        let list = try await server.send("GET", "/api/v1/avvikelser?limit=500", token: token)
        let listed = Set((list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(listed == Set(acknowledged), "every acknowledged create is stored, nothing else")
        #expect(server.stop() == 0)
        let check = try kvalitet.run(["check"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(check == "ok\nreport sums: ok")
    }
}

/// A tmpfs of a few megabytes, mounted for one test and always unmounted (`remove`, from a `defer`).
struct SmallFileSystem {
    let path = NSTemporaryDirectory() + "kvalitet-full-" + UUID().uuidString
    var filler: String { path + "/fyllnad" }

    init(megabytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let status = try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        if status != 0 {
            try? FileManager.default.removeItem(atPath: path)
            throw MountError(status: status)
        }
    }

    struct MountError: Error { let status: Int32 }

    /// Writes one file until the file system says ENOSPC.
    func fill() throws {
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw MountError(status: errno) }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x55, count: 64 * 1024)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        let small = [UInt8](repeating: 0x55, count: 512)
        while small.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        fsync(descriptor)
    }

    func free() throws { try FileManager.default.removeItem(atPath: filler) }

    /// Unmounts (lazily, in case a server still holds a file) and removes the mount point.
    func remove() {
        _ = try? Self.run("/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
