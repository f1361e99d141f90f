import Foundation
import GRDB
import KvalitetDomain

/// Changes: the domain computes the next version of a record from the current one; the store
/// writes it in one transaction that first compares the version it was computed from.
extension RecordStore {
    /// The current version of a record the actor may see, for the domain to compute a change from.
    /// Refused like the change itself would be: a voided record, or one whose version is not
    /// `expectedVersion` (when given). Not audited: the change is.
    public func current(_ id: CaseNumber, by actor: Actor, expectedVersion: Int?) async throws -> CaseRecord<Kind> {
        let cache = database.decodedRecords
        let stored = try await database.pool.read { db in
            guard let row = try Self.fetchVisibleRow(id, actor: actor, in: db) else { throw Self.notFound(id) }
            return StoredVersion(id: row[0], version: row[1], body: row[2])
        }
        let current = try Self.decode(stored, cache: cache)
        try Self.checkChangeable(current, expectedVersion: expectedVersion)
        return current
    }

    /// Writes `next`, which the domain computed from version `basedOn` of the record: in one
    /// transaction that compares the stored version first, so a change made in between is a 412
    /// and nothing is written. The writer runs only storage and domain rules (units, append-only notes).
    public func save(_ next: CaseRecord<Kind>, basedOn version: Int, by actor: Actor,
                     action: ChangeAction) async throws -> CaseRecord<Kind> {
        try await change(next.id, expectedVersion: version, by: actor, action: action) { _, _ in next }
    }

    /// Voids a record (*makulering*) today; refused when `expectedVersion` is not current.
    public func void(_ id: CaseNumber, expectedVersion: Int, reason: String,
                     by actor: Actor) async throws -> CaseRecord<Kind> {
        try await change(id, expectedVersion: expectedVersion, by: actor, action: .void) { current, today in
            var next = current
            next.voided = Voiding(on: today, reason: reason, by: actor.tokenName)
            return next
        }
    }

    /// Changes a record through `transform` (storage's own steps and the tests'), which sees the
    /// current record and today's date; refused when voided or when `expectedVersion` is not
    /// current. A nil `expectedVersion` skips that check.
    func change(
        _ id: CaseNumber, expectedVersion: Int?, by actor: Actor, action: ChangeAction,
        _ transform: @escaping @Sendable (CaseRecord<Kind>, LocalDate) throws -> CaseRecord<Kind>
    ) async throws -> CaseRecord<Kind> {
        let now = database.now
        let settings = settings
        return try await StorageErrors.translate {
            try await database.write { [database] db in
                try Self.change(id, expectedVersion: expectedVersion, by: actor, action: action, at: now,
                                settings: settings,
                                in: db, units: database.unitTree(in:), transform)
            }
        }
    }
}
