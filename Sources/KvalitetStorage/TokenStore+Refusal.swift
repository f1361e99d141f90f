import Crypto
import Foundation
import GRDB

extension TokenStore {
    /// Why `authenticate` refused `secret`: true when it is a token that was issued and then revoked,
    /// false when no token has that secret. Asked only after a refusal, for the failure metric.
    public func wasRevoked(_ secret: String) async throws -> Bool {
        guard secret.utf8.count <= 256 else { return false }
        let hash = Data(SHA256.hash(data: Data(secret.utf8)))
        return try await database.lookup { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT revoked_at IS NOT NULL FROM tokens WHERE hash = ?"),
                              arguments: [hash]) ?? false
        }
    }
}
