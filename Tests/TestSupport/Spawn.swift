import Foundation

/// Starts processes one at a time for every test target: Foundation's `Process.run()` on Linux is
/// not safe to call from several threads at once (runs crashed in its memcpy while suites ran in
/// parallel). All test targets run in one test process, so the lock lives here, shared by them.
public enum Spawn {
    private static let lock = NSLock()

    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
