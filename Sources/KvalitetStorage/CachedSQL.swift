import GRDB

extension Database {
    /// Runs `sql` through the connection's statement cache, so it is prepared once per connection.
    /// `db.execute(sql:)` prepares on every call, and GRDB's authorizer runs Swift code for every
    /// column SQLite reads while preparing: on the write queue that was half of a create's time.
    /// Only for constant SQL text: the cache is keyed by the text and never shrinks.
    public func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
