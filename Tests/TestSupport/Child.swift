import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+): the child closes every descriptor from
/// `from` up before it runs the program. Declared here because Swift's Glibc module does not export it.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: CInt) -> CInt

/// A program the tests start: `posix_spawn(3)` with the shape of Foundation's `Process` that the tests
/// use (executable, arguments, environment, standard streams as `Pipe`, `FileHandle` or nil, run,
/// wait, status, SIGTERM).
///
/// Not Foundation's `Process`: its `run()` on Linux crashed the test process about one full run in
/// five here (Foundation 6.3.1 copies each `/proc/self/fd` entry as a whole `dirent`, reading past the
/// end of glibc's buffer: swift-corelibs-foundation PR #5472). Like `Process`, the child gets its own
/// process group, an empty signal mask, default signal handlers and no descriptor but 0, 1 and 2.
/// A stream left nil is /dev/null, never the test process's own: a child that outlived a crashed test
/// process would otherwise hold `swift test`'s output open, and it would wait for ever.
/// Every child still running when the test process exits gets SIGTERM then.
public final class Child: @unchecked Sendable {
    public enum TerminationReason: Sendable { case exit, uncaughtSignal }

    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's whole environment; nil gives it the test process's.
    public var environment: [String: String]?
    /// Each a `Pipe` (the child gets its far end), a `FileHandle`, or nil for /dev/null.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?

    private let condition = NSCondition()
    private var pid: pid_t = 0
    /// `waitpid`'s status once the child ended, nil while it runs.
    private var status: CInt?

    public init() {}

    /// The child's process id, 0 before `run()`.
    public var processIdentifier: Int32 { condition.withLock { pid } }

    /// Starts the program; throws `POSIXError` when it cannot (no such file, not executable).
    public func run() throws {
        _ = TestFolders.root  // installs the exit handler that stops what is left running
        guard let path = executableURL?.path else { throw POSIXError(.ENOENT) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream) in streams {
            if let handle = Self.childEnd(of: stream, for: target) {
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_RDWR, 0)
            }
        }
        _ = addCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let environment = environment ?? ProcessInfo.processInfo.environment
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var spawned: pid_t = 0
        let result = posix_spawn(&spawned, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        let child = spawned
        condition.withLock { pid = child }
        closeParentEnds()
        Self.register(self)
        Thread.detachNewThread { [self] in waitForExit(child) }
    }

    /// Whether the child has started and not yet ended.
    public var isRunning: Bool { condition.withLock { pid != 0 && status == nil } }

    /// Blocks until the child has ended.
    public func waitUntilExit() {
        condition.lock()
        while pid != 0 && status == nil { condition.wait() }
        condition.unlock()
    }

    /// The exit code, or the signal's number when a signal ended it; 0 while it runs.
    public var terminationStatus: Int32 {
        guard let status = condition.withLock({ status }) else { return 0 }
        return Self.exited(status) ? (status >> 8) & 0xFF : status & 0x7F
    }

    public var terminationReason: TerminationReason {
        guard let status = condition.withLock({ status }) else { return .exit }
        return Self.exited(status) ? .exit : .uncaughtSignal
    }

    /// SIGTERM to the child while it runs.
    public func terminate() { signal(SIGTERM) }

    /// `signal` to the child while it runs (never to a reused pid: the waiter thread reaps it first).
    public func signal(_ number: Int32) {
        condition.lock()
        defer { condition.unlock() }
        if pid != 0 && status == nil { kill(pid, number) }
    }

    private func waitForExit(_ child: pid_t) {
        var raw: CInt = 0
        while waitpid(child, &raw, 0) == -1 && errno == EINTR {}
        condition.lock()
        status = raw
        condition.broadcast()
        condition.unlock()
    }

    /// Each standard stream's descriptor with what the test set for it.
    private var streams: [(Int32, Any?)] {
        [(STDIN_FILENO, standardInput), (STDOUT_FILENO, standardOutput), (STDERR_FILENO, standardError)]
    }

    /// The parent's copies of the pipe ends the child now holds: the write end of an output pipe must
    /// be closed here, or reading the pipe never sees its end.
    private func closeParentEnds() {
        for (target, stream) in streams where stream is Pipe {
            try? Self.childEnd(of: stream, for: target)?.close()
        }
    }

    /// What the child gets as `target`: a pipe's end it reads (stdin) or writes, a file handle, or nil
    /// for /dev/null (as `FileHandle.nullDevice`, which has no descriptor, stands for).
    private static func childEnd(of stream: Any?, for target: Int32) -> FileHandle? {
        if let pipe = stream as? Pipe {
            return target == STDIN_FILENO ? pipe.fileHandleForReading : pipe.fileHandleForWriting
        }
        guard let handle = stream as? FileHandle, handle.fileDescriptor >= 0 else { return nil }
        return handle
    }

    private static func exited(_ status: CInt) -> Bool { status & 0x7F == 0 }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: [Child] = []

    private static func register(_ child: Child) {
        lock.lock()
        defer { lock.unlock() }
        started.removeAll { !$0.isRunning }
        started.append(child)
    }

    /// SIGTERM to every child still running.
    static func terminateRemaining() {
        lock.lock()
        let remaining = started
        started = []
        lock.unlock()
        for child in remaining { child.terminate() }
    }
}
