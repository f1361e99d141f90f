import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// Tokens are stored as their SHA-256 (FIPS 180-4); the hash must never change, or every token
/// issued before an upgrade would stop working.
@Suite("Token hashes")
struct TokenHashTests {
    static let secret = "kv_bestaende-token-fran-schema-6"
    /// SHA-256 of `secret`, as every earlier version stored it (independently: Python's hashlib).
    static let storedHash = "5514938eeff485de99c93c29e25a1ff94a1d12cdd7a6d9217d6210abf017b3a9"

    private static func bytes(hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return data
    }

    @Test func aTokenStoredByAnEarlierVersionStillAuthenticates() async throws {
        let test = try TestDatabase()
        try await test.database.pool.write { db in
            try db.execute(sql: "INSERT INTO tokens (name, hash, role, created_at) VALUES ('aldre', ?, 'lasare', ?)",
                           arguments: [Self.bytes(hex: Self.storedHash), "2025-01-01T00:00:00Z"])
        }
        let actor = try await TokenStore(test.database).authenticate(Self.secret)
        #expect(actor == .valid(Actor(tokenName: "aldre", role: .lasare, unitScope: nil)))
    }
}
