import Foundation
import GRDB
import Metrics

/// A write refused because the database's file system is full (SQLite's SQLITE_FULL). Nothing of
/// the refused write was stored; writes succeed again by themselves once space is freed.
public struct StorageFullError: Error, CustomStringConvertible {
    /// What SQLite said, for the log (never shown to the client).
    public let description: String
}

/// Metric names of the storage layer, recorded through swift-metrics (the server gives them buckets).
public enum StorageMetricNames {
    /// Jobs committed together in one transaction (a histogram of counts).
    public static let batchJobs = "kvalitet_write_batch_jobs"
    /// Seconds a job waited from being queued until its batch began (a histogram).
    public static let waitSeconds = "kvalitet_write_wait_seconds"
    /// Writes refused because the file system was full (a counter).
    public static let storageFull = "kvalitet_storage_full_errors_total"
}

/// Whether the database's file system has room to write, and the count of writes refused for lack of it.
public enum StorageSpace {
    /// Below this many free bytes the database counts as not writable (readiness false): a write
    /// of a few records with its write-ahead-log frames and checkpoint needs about this much.
    public static let reserveBytes: Int64 = 1 << 20
    /// What a refused write's answer says in `Retry-After`: an operator needs minutes to free space.
    public static let retryAfterSeconds = 60

    static func refused(_ error: DatabaseError) -> StorageFullError {
        Counter(label: StorageMetricNames.storageFull).increment()
        let message = error.message ?? "database or disk is full"
        return StorageFullError(description: "SQLite: \(message) (\(error.resultCode))")
    }

    /// Bytes an unprivileged process may still write on the file system holding `path` (statvfs),
    /// nil when it cannot be asked.
    public static func freeBytes(at path: String) -> Int64? {
        var figures = statvfs()
        guard statvfs(path, &figures) == 0 else { return nil }
        return Int64(figures.f_bavail) * Int64(figures.f_frsize)
    }
}

extension KvalitetDatabase {
    /// Free bytes on the database's file system (nil when unknown).
    public var freeBytes: Int64? {
        StorageSpace.freeBytes(at: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// True when the database answers and its file system has at least `StorageSpace.reserveBytes` free.
    public func isWritable() async -> Bool {
        guard let free = freeBytes, free >= StorageSpace.reserveBytes else { return false }
        return await isHealthy()
    }
}
