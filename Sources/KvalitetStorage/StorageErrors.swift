import GRDB
import KvalitetDomain

/// An `Idempotency-Key` already used by the same token for another request (another body, byte for
/// byte, or another family): 422 as draft-ietf-httpapi-idempotency-key-header has it. Nothing is created.
public struct IdempotencyKeyReused: Error, Equatable, Sendable {
    public let key: String
}

/// Translates what SQLite refuses into the domain's errors, so a constraint never surfaces as a 500.
enum StorageErrors {
    static func translate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw translate(error)
        }
    }

    static func translate(_ error: DatabaseError) -> any Error {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return DomainError.conflict(rule: "already exists (\(error.message ?? "unique constraint"))")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return DomainError.conflict(rule: "still referenced by other data")
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL:
            // The domain validates first; reaching this means a rule exists only in the schema.
            return DomainError.invalid([
                FieldProblem(
                    "", .databaseRule, detail: "violates a database rule: \(error.message ?? "check constraint")")
            ])
        case .SQLITE_CONSTRAINT_TRIGGER:
            return DomainError.conflict(rule: error.message ?? "refused by a database rule")
        default:
            return error
        }
    }
}
