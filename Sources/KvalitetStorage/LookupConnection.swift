import GRDB

/// A read-only connection of its own for the single-row lookups almost every request makes — the
/// bearer token and the report's data generation — answered on the calling thread instead of by a
/// hop to one of the pool's readers and back. Those two thread switches were most of what a 304 or
/// the token check of an audited read cost on two cores.
///
/// Why this is safe on the cooperative threads: a lookup is an index seek of microseconds and waits
/// only for this connection's own serial queue, which runs nothing else — never for the pool, whose
/// readers are released only after an async continuation runs (a synchronous read on the pool did
/// deadlock both cooperative threads under 64 connections). Each SELECT runs in SQLite's own
/// implicit read transaction (GRDB's BEGIN/COMMIT around it was a third of a lookup's cost), so it
/// sees every commit before it, by any process: a token revoked from the command line stops working
/// at the next request. A lookup therefore reads one committed row set per statement.
///
/// SQLite makes a WAL reader wait only in rare moments (another process holding an exclusive lock,
/// recovery of the WAL after a crash). Such a wait would hold a cooperative thread, so it is cut
/// short: a busy lookup throws at once and `KvalitetDatabase.lookup` asks a pool reader instead.
final class LookupConnection: Sendable {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .immediateError
        configuration.label = "kvalitet.lookups"
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func read<T>(_ lookup: (Database) throws -> T) throws -> T {
        try queue.inDatabase(lookup)
    }
}
