import Foundation
import TestSupport
import Testing

/// `Tests/Fixtures/redirect-receiver.py` on 127.0.0.1, in its own Python process: `/moved` answers 307
/// to `/target`, every other request is kept (as a file) and answered 204 (POST) or 200 `{}` (GET).
/// A separate process, not a Hummingbird app in the test process: under the full suite the test
/// process's few threads are busy, and an in-process receiver then answered after the sender's 5 s.
final class RedirectReceiver: @unchecked Sendable {
    static let script = FixturePeer.script("redirect-receiver.py")

    let folder: String
    let process: Child
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the server with the system's `python3` and waits (up to 30 s) for its port.
    init() throws {
        folder = try TestFolders.make("kvalitet-redirect")
        process = Child()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--dir", folder, "--port-file", folder + "/port"]
        try process.run()
        let process = process
        port = FixturePeer.port(in: folder + "/port", tries: 600) { process.isRunning }
        if port == 0 { stop() }
        try #require(port > 0, "redirect-receiver.py did not start")
    }

    deinit { stop() }

    /// SIGKILL: the server keeps nothing in memory (each request is on disk before it is answered), so
    /// there is nothing for it to finish. Waits up to 5 s for the exit, never in `waitUntilExit()` on
    /// one of Swift concurrency's few threads.
    func stop() {
        guard process.isRunning else { return }
        process.signal(SIGKILL)
        for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
    }

    /// The paths of the requests kept so far (every request but `/moved`), in arrival order.
    var reached: [String] {
        FixturePeer.jsonFiles(in: folder).compactMap { data in
            (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["path"] as? String
        }
    }
}
