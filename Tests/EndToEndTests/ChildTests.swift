import Foundation
import TestSupport
import Testing

/// `Child`, which starts every program the tests run: what a program started through it gets and
/// what the test sees of it afterwards, checked with /bin/sh and /proc.
@Suite struct ChildTests {
    /// Runs `script` under /bin/sh to its end; returns the child and what it printed.
    private func shell(_ script: String) throws -> (child: Child, out: String) {
        try direct("/bin/sh", ["-c", script])
    }

    @Test func aChildsOutputArrivesWholeAndEndsWhenItExits() throws {
        let (child, out) = try shell("printf 'rad 1\\nrad 2'")
        #expect(out == "rad 1\nrad 2")
        #expect(!child.isRunning)
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == 0)
    }

    @Test func anExitCodeIsTheTerminationStatus() throws {
        let (child, _) = try shell("exit 3")
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == 3)
    }

    @Test func aChildKilledBySignalReportsTheSignal() throws {
        let (child, _) = try shell("kill -KILL $$")
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)
    }

    @Test func aChildHoldsNoDescriptorButItsStandardStreams() throws {
        // The shell's descriptors, listed by its child ls.
        let (_, out) = try shell("ls /proc/$$/fd")
        #expect(out.split(separator: "\n").sorted() == ["0", "1", "2"])
    }

    /// What `program` printed when run directly (no shell: a shell may block signals for a moment
    /// around starting its own children, which a listing from one of them would show).
    private func direct(_ program: String, _ arguments: [String]) throws -> (child: Child, out: String) {
        let child = Child()
        child.executableURL = URL(fileURLWithPath: program)
        child.arguments = arguments
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child, String(decoding: printed, as: UTF8.self))
    }

    @Test func aChildStartsWithNoSignalBlocked() throws {
        let (_, out) = try direct("/bin/grep", ["SigBlk", "/proc/self/status"])
        #expect(out == "SigBlk:\t0000000000000000\n")
    }

    @Test func aChildLeadsItsOwnProcessGroup() throws {
        // /proc/<pid>/stat's fifth field is the process group.
        let (child, out) = try direct("/usr/bin/cut", ["-d", " ", "-f", "5", "/proc/self/stat"])
        #expect(out == "\(child.processIdentifier)\n")
    }

    @Test func aStreamTheTestDoesNotReadIsDevNull() throws {
        let (_, out) = try shell("readlink /proc/$$/fd/0 /proc/$$/fd/2")
        #expect(out == "/dev/null\n/dev/null\n")
    }

    @Test func terminateEndsARunningChildWithSIGTERM() throws {
        let child = Child()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["60"]
        try child.run()
        #expect(child.isRunning)
        child.terminate()
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGTERM)
    }

    @Test func aMissingProgramIsAnErrorNotAChild() {
        let child = Child()
        child.executableURL = URL(fileURLWithPath: "/nonexistent/program")
        #expect(throws: POSIXError.self) { try child.run() }
        #expect(!child.isRunning)
    }
}
