import Foundation
import GRDB
import Metrics
import Synchronization

/// What the write queue has committed so far: tests read it to see group commit happen, and an
/// operator can divide `jobs` by `batches` to see how many requests shared one fsync.
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions committed by the queue.
    public var batches = 0
    /// Jobs whose changes those transactions committed (a job that threw is not counted).
    public var jobs = 0
    /// Transactions that failed as a whole (at BEGIN, at COMMIT, or aborted by SQLite): none of their jobs committed.
    public var failedBatches = 0
}

/// Group commit. Every request-path write is a job; the jobs that queue up while the writer is busy
/// run together in ONE transaction, each inside its own savepoint, and share one COMMIT (one fsync
/// under `synchronous=FULL`).
///
/// - A job that throws rolls back only its savepoint and gets its own error; the others commit.
/// - A caller is resumed only after its batch's COMMIT has returned, so an answered write is durable.
/// - When anything outside a job fails (BEGIN, COMMIT, a job error after which SQLite rolled the
///   whole transaction back), every job of the batch fails with that error, except that a job which
///   had already thrown keeps its own error; nothing of the batch is visible.
/// - No waiting for company: a batch is whatever queued while the previous one ran (at most `limit`).
///
/// Why a `Mutex` and the writer's dispatch queue rather than an actor: the batch must run
/// synchronously on GRDB's writer queue anyway, so the only shared state is the list of waiting jobs
/// and whether a drain is scheduled. A lock held for an append or a swap guards that with no extra
/// task hop per job; an actor would add two hops (into the actor, then onto the writer queue) to
/// every write and still need the writer queue for the batch itself. Exactly one drain is scheduled
/// at a time (`draining`), so batches never overlap and keep the queue's order.
final class WriteQueue: Sendable {
    /// How a run job answers its caller once the batch's fate is known: nil means it committed.
    typealias Answer = (_ batchFailure: (any Error)?) -> Void

    /// One caller's job with its type erased: `run` executes it in a savepoint on the writer and
    /// returns its own error (if it threw) and how to answer; `reject` answers a job that never ran.
    struct Job: Sendable {
        let run: @Sendable (Database) -> (error: (any Error)?, answer: Answer)
        let reject: @Sendable (any Error) -> Void
        /// When the job was queued: its wait until its batch began is the `kvalitet_write_wait_seconds` histogram.
        var queuedAt = ContinuousClock.now
    }

    private struct State {
        var waiting: [Job] = []
        var draining = false
        var statistics = WriteStatistics()
    }

    private let pool: DatabasePool
    private let limit: Int
    private let afterBatch: @Sendable (_ committed: Bool) -> Void
    private let state = Mutex(State())

    /// `afterBatch` runs on the writer once a batch's transaction has ended (committed or not),
    /// before any of its callers is answered and before the next batch begins.
    init(pool: DatabasePool, limit: Int = 256, afterBatch: @escaping @Sendable (_ committed: Bool) -> Void = { _ in }) {
        self.pool = pool
        self.limit = max(1, limit)
        self.afterBatch = afterBatch
    }

    var statistics: WriteStatistics { state.withLock { $0.statistics } }

    /// Jobs queued and not yet taken into a batch (tests wait on it to line jobs up).
    var waiting: Int { state.withLock { $0.waiting.count } }

    /// Runs `job` in the next batch and returns its result once that batch has committed.
    func submit<T: Sendable>(_ job: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let entry = Job(
                run: { db in
                    let result: Result<T, any Error>
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try job(db)
                            return .commit
                        }
                        result = .success(value!)
                    } catch {
                        result = .failure(error)
                    }
                    return (
                        result.failureValue,
                        { batchFailure in
                            if let batchFailure, result.failureValue == nil {
                                continuation.resume(throwing: batchFailure)
                            } else {
                                continuation.resume(with: result)
                            }
                        }
                    )
                },
                reject: { error in continuation.resume(throwing: error) })
            let startDrain = state.withLock { state in
                state.waiting.append(entry)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain { scheduleBatch() }
        }
    }

    private func scheduleBatch() {
        pool.asyncWriteWithoutTransaction { [self] db in runBatch(db) }
    }

    /// One batch on the writer: BEGIN IMMEDIATE, each job in its savepoint, COMMIT; then answers.
    private func runBatch(_ db: Database) {
        let jobs = state.withLock { state in
            let count = min(state.waiting.count, limit)
            let batch = Array(state.waiting.prefix(count))
            state.waiting.removeFirst(count)
            return batch
        }
        // Jobs per batch and each job's wait for it, through swift-metrics (made here, not at init:
        // the server sets up its metrics backend after the database is opened).
        let begun = ContinuousClock.now
        Recorder(label: StorageMetricNames.batchJobs).record(jobs.count)
        let wait = Metrics.Timer(label: StorageMetricNames.waitSeconds)
        for job in jobs { wait.record(duration: begun - job.queuedAt) }
        var answers: [Answer] = []
        answers.reserveCapacity(jobs.count)
        var committedJobs = 0
        var failure: (any Error)?
        do {
            try db.beginTransaction(.immediate)
            for job in jobs {
                let (error, answer) = job.run(db)
                answers.append(answer)
                if error == nil { committedJobs += 1 }
                // SQLITE_FULL, IOERR, NOMEM… may roll back the whole transaction, not just the savepoint.
                if !db.isInsideTransaction {
                    throw error
                        ?? DatabaseError(resultCode: .SQLITE_ABORT, message: "the batch's transaction was rolled back")
                }
            }
            try db.commit()
        } catch {
            failure = error
            try? db.rollback()
        }
        let more = state.withLock { state in
            if failure == nil {
                state.statistics.batches += 1
                state.statistics.jobs += committedJobs
            } else {
                state.statistics.failedBatches += 1
            }
            if state.waiting.isEmpty { state.draining = false }
            return state.draining
        }
        afterBatch(failure == nil)
        for answer in answers { answer(failure) }
        // Jobs that never ran because the transaction ended early.
        if let failure { for job in jobs.dropFirst(answers.count) { job.reject(failure) } }
        if more { scheduleBatch() }
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
