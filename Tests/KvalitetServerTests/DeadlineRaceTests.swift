import Foundation
@testable import KvalitetServer
import Testing

/// An outgoing request ends at its deadline even when the request itself takes long to wind down
/// after it is cancelled (URLSession on Linux may). The tests say what ended first, not how fast:
/// in a full parallel run on two cores a task can wait seconds for a thread.
@Suite("The deadline of an outgoing request")
struct DeadlineRaceTests {
    /// An operation that ignores its cancellation: it ends when released, or after 20 s.
    final class Deaf: @unchecked Sendable {
        private let lock = NSLock()
        private var released = false, ended = false

        var hasEnded: Bool { lock.withLock { ended } }
        func release() { lock.withLock { released = true } }

        func run() async -> String {
            let end = ContinuousClock.now + .seconds(20)
            while !lock.withLock({ released }), ContinuousClock.now < end {
                try? await Task.sleep(for: .milliseconds(10))
            }
            lock.withLock { ended = true }
            return "answered"
        }
    }

    @Test func theDeadlineWinsWithoutWaitingForARequestThatIgnoresItsCancellation() async {
        let deaf = Deaf()
        let outcome = await Deadline.first(of: { await deaf.run() }, within: 0.2, otherwise: "timed out")
        #expect(outcome == "timed out")
        #expect(!deaf.hasEnded)
        deaf.release()
    }

    @Test func anAnswerBeforeTheDeadlineIsTheOutcome() async {
        let deaf = Deaf()
        deaf.release()
        let outcome = await Deadline.first(of: { await deaf.run() }, within: 60, otherwise: "timed out")
        #expect(outcome == "answered")
        #expect(deaf.hasEnded)
    }

    @Test func aCancelledCallerGetsTheOtherwiseValueWithoutWaitingForTheRequest() async {
        let deaf = Deaf()
        let caller = Task { await Deadline.first(of: { await deaf.run() }, within: 60, otherwise: "timed out") }
        caller.cancel()
        #expect(await caller.value == "timed out")
        #expect(!deaf.hasEnded)
        deaf.release()
    }
}
