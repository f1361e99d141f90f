import Crypto
import Foundation
import KvalitetDomain
import Synchronization

/// Tokens already verified, by the SHA-256 of the token (never the token itself), with the actor they
/// stand for, until their `exp` plus the leeway. Emptied whenever the provider's keys are replaced, so
/// a token signed by a key the provider withdrew is checked again (and refused). A repeated bearer
/// JWT then costs a hash and a lookup, like an API token, instead of a signature check.
final class OIDCTokenCache: Sendable {
    /// Entries at most; when full, expired ones go first, then all.
    static let capacity = 10_000
    private let entries = Mutex<[Data: (actor: Actor, validUntil: Date)]>([:])

    static func key(_ token: String) -> Data { Data(Crypto.SHA256.hash(data: Array(token.utf8))) }

    /// The actor for a token verified before, if it is still within its validity at `now`.
    func actor(for key: Data, now: Date) -> Actor? {
        entries.withLock { table in
            guard let entry = table[key] else { return nil }
            guard now < entry.validUntil else {
                table[key] = nil
                return nil
            }
            return entry.actor
        }
    }

    func store(_ actor: Actor, for key: Data, validUntil: Date, now: Date) {
        entries.withLock { table in
            if table.count >= Self.capacity {
                table = table.filter { now < $0.value.validUntil }
                if table.count >= Self.capacity { table.removeAll() }
            }
            table[key] = (actor, validUntil)
        }
    }

    func removeAll() { entries.withLock { $0.removeAll() } }
}
