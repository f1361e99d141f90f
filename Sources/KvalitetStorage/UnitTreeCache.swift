import GRDB
import KvalitetDomain
import Synchronization

/// The organisation tree as last committed, so that a write (or a report) does not load every unit
/// each time. Only ever a committed tree: it is dropped when a unit is written (before that write
/// commits), filled only by the writer while its transaction holds no unit change, and dropped
/// again when a batch that changed units fails to commit. It assumes units change only through
/// `UnitStore` in this process (as the server's do); another process writing units is not seen.
final class UnitTreeCache: Sendable {
    private struct State {
        var tree: OrgTree?
        /// A unit was written in the writer's current transaction: its tree is not committed yet.
        var changedUncommitted = false
    }

    private let state = Mutex(State())

    /// The cached tree, or the one `db` sees. A reader connection only reads the cache (its snapshot
    /// may be older than the cache, so it never fills it); the writer fills it while no unit change
    /// is pending, and while one is, loads its own transaction's tree every time without caching it.
    func tree(in db: Database) throws -> OrgTree {
        if let tree = state.withLock({ $0.tree }) { return tree }
        let tree = try UnitStore.tree(db)
        if !db.configuration.readonly {
            state.withLock { state in if !state.changedUncommitted { state.tree = tree } }
        }
        return tree
    }

    /// Called by every unit write, on the writer, before it changes a row.
    func unitsChanged() {
        state.withLock { state in
            state.tree = nil
            state.changedUncommitted = true
        }
    }

    /// Called on the writer when a transaction that may have changed units has ended.
    func transactionEnded(committed: Bool) {
        state.withLock { state in
            if state.changedUncommitted || !committed { state.tree = nil }
            state.changedUncommitted = false
        }
    }
}
