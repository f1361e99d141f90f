import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Temporary folders for tests, all inside one folder per test process (`kvalitet-tests-<pid>` in the
/// temporary directory), which is removed when the process exits, whether its tests passed or failed.
/// A process that crashed cannot remove its own: the next test process removes every such folder whose
/// process is gone. Tests therefore need no clean-up code of their own and leave nothing behind.
public enum TestFolders {
    static let prefix = "kvalitet-tests-"

    /// This process's folder, created (and stale ones removed) on first use.
    public static let root: String = {
        sweepStale()
        let root = NSTemporaryDirectory() + prefix + String(getpid())
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { TestFolders.removeAll() }
        return root
    }()

    /// A new, empty folder `<root>/<name>-<UUID>`.
    public static func make(_ name: String) throws -> String {
        let folder = root + "/" + name + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Stops the processes tests left running, then removes this process's folder.
    static func removeAll() {
        Child.terminateRemaining()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Removes the folders of test processes that no longer run.
    static func sweepStale() {
        let temporary = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: temporary + name)
            }
        }
    }
}
