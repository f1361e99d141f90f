import Foundation

/// Starts processes one at a time for every test target: Foundation's `Process.run()` on Linux is
/// not safe to call from several threads at once (runs crashed in its memcpy while suites ran in
/// parallel). All test targets run in one test process, so the lock lives here, shared by them.
/// Every process started here that still runs when the test process exits (a server whose test
/// failed before stopping it) gets SIGTERM then.
public enum Spawn {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: [Process] = []

    public static func run(_ process: Process) throws {
        _ = TestFolders.root  // installs the exit handler that stops what is left running
        lock.lock()
        defer { lock.unlock() }
        try process.run()
        started.removeAll { !$0.isRunning }
        started.append(process)
    }

    /// SIGTERM to every started process still running.
    static func terminateRemaining() {
        lock.lock()
        let remaining = started.filter(\.isRunning)
        started = []
        lock.unlock()
        for process in remaining { process.terminate() }
    }
}
