import Foundation
import TestSupport
import Testing

/// `Child`, which starts every program the tests run: what a program started through it gets and
/// what the test sees of it afterwards, checked with /bin/sh and /proc.
@Suite struct ChildTests {
    /// Runs `script` under /bin/sh to its end; returns the child and what it printed.
    private func shell(_ script: String) throws -> (child: Child, out: String) {
        let child = Child()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", script]
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child, String(decoding: printed, as: UTF8.self))
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

    @Test func aChildStartsWithNoSignalBlockedInItsOwnProcessGroup() throws {
        // /proc/<pid>/stat's fifth field is the process group.
        let (child, out) = try shell("grep SigBlk /proc/$$/status; cut -d' ' -f5 /proc/$$/stat")
        let lines = out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "SigBlk:\t0000000000000000")
        #expect(lines.last == String(child.processIdentifier))
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
