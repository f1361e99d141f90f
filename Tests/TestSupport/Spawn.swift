import Foundation

/// Starts processes one at a time for every test target: Foundation's `Process.run()` on Linux is
/// not safe to call from several threads at once (runs crashed in its memcpy while suites ran in
/// parallel). All test targets run in one test process, so the lock lives here, shared by them.
/// Every process started here that still runs when the test process exits (a server whose test
/// failed before stopping it) gets SIGTERM then.
///
/// A child never inherits the test process's stdout or stderr: what a test does not read goes to
/// /dev/null. When `Process.run()` itself crashes the test process (an over-read in Foundation 6.3.1's
/// `findMaximumOpenFromProcSelfFD`, swift-corelibs-foundation PR #5472, about 1 run in 5 with many
/// spawns), the servers it started live on; had they inherited its output, `swift test` would wait for
/// the end of that output for ever instead of reporting the crash (seen twice on 2-core machines).
public enum Spawn {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: [Process] = []

    public static func run(_ process: Process) throws {
        _ = TestFolders.root  // installs the exit handler that stops what is left running
        lock.lock()
        defer { lock.unlock() }
        if inherits(process.standardInput, STDIN_FILENO) { process.standardInput = FileHandle.nullDevice }
        if inherits(process.standardOutput, STDOUT_FILENO) { process.standardOutput = FileHandle.nullDevice }
        if inherits(process.standardError, STDERR_FILENO) { process.standardError = FileHandle.nullDevice }
        try process.run()
        started.removeAll { !$0.isRunning }
        started.append(process)
    }

    /// Whether a `Process` stream is the test process's own (Foundation's default is its handle, not nil).
    private static func inherits(_ stream: Any?, _ descriptor: Int32) -> Bool {
        stream == nil || (stream as? FileHandle)?.fileDescriptor == descriptor
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
