import GRDB

/// Where a record's write puts its rows: the database itself (`Database`: the API writes at once)
/// or `PreparedRows` (the bulk load prepares a new record's statements off the writer, which runs
/// them afterwards). The one read such a write makes, how many rows a child table already holds,
/// is answered by the database, or for a record not yet written by 0.
public protocol RowWriter: AnyObject {
    /// Runs one statement that changes rows, or keeps it to run later, in order.
    func executeCached(sql: String, arguments: StatementArguments) throws
    /// The count a `SELECT COUNT(*) …` statement gives.
    func count(sql: String, arguments: StatementArguments) throws -> Int
}

extension Database: RowWriter {
    public func count(sql: String, arguments: StatementArguments) throws -> Int {
        try Int.fetchOne(cachedStatement(sql: sql), arguments: arguments) ?? 0
    }
}

/// The statements of a record not yet written, in the order they must run: no table holds a row of
/// it yet, so every count is 0. Filled by the bulk load's preparing task, then handed to the writer.
final class PreparedRows: RowWriter {
    struct Statement: Sendable {
        let sql: String
        let arguments: StatementArguments
    }

    private(set) var statements: [Statement] = []

    func executeCached(sql: String, arguments: StatementArguments) throws {
        statements.append(Statement(sql: sql, arguments: arguments))
    }

    func count(sql: String, arguments: StatementArguments) throws -> Int { 0 }

    /// Runs the statements on the writer, in order.
    static func run(_ statements: [Statement], in db: Database) throws {
        for statement in statements { try db.executeCached(sql: statement.sql, arguments: statement.arguments) }
    }
}
