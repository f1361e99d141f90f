import Foundation

/// A race between an operation and its deadline that ends when the first of them does.
enum Deadline {
    /// What `operation` gives if it ends within `seconds`, else `otherwise` (also at once when the
    /// caller is cancelled). The loser is cancelled and not waited for: a task group would wait for
    /// it, and a cancelled URLSession request on Linux ends only when URLSession's own queue gets to it.
    static func first<T: Sendable>(
        of operation: @escaping @Sendable () async -> T, within seconds: TimeInterval, otherwise: T
    ) async -> T {
        let finish = FirstValue<T>()
        let work = Task { finish.offer(await operation()) }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            finish.offer(otherwise)
        }
        let outcome = await withTaskCancellationHandler {
            await finish.value()
        } onCancel: {
            finish.offer(otherwise)
        }
        work.cancel()
        timer.cancel()
        return outcome
    }
}

/// The first value offered, handed to the one waiter: later offers are dropped. A lock, as the
/// offers come from any thread and the waiter's continuation must be resumed exactly once.
private final class FirstValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var first: T?
    private var waiter: CheckedContinuation<T, Never>?

    func offer(_ value: T) {
        lock.lock()
        guard first == nil else {
            lock.unlock()
            return
        }
        first = value
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }

    func value() async -> T {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let first {
                lock.unlock()
                continuation.resume(returning: first)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
