import Foundation
import GRDB
import KvalitetDomain

/// The stores' writes as steps inside a transaction the caller holds: the API runs one per
/// `database.write` job, the demo loader many in one (the same rules and rows either way).
/// `units` loads the organisation tree; the API passes `database.unitTree(in:)` (the cache).
extension RecordStore {
    /// Creates a record with the next case number of its family and year (or replays an idempotent retry).
    package static func create(
        _ fields: Kind.Fields, by actor: Actor, idempotency: IdempotencyKey?, at now: Date,
        settings: RecordSettings,
        in db: Database, units: (Database) throws -> OrgTree = UnitStore.tree
    ) throws -> CreateOutcome<Kind> {
        if let idempotency, let replay = try replay(idempotency, actor: actor, in: db) {
            return .replayed(replay)
        }
        let record = try fresh(fields, by: actor, at: now, tree: units(db)) { year in
            try lastSequence(year: year, in: db) + 1
        }
        try write(record, previous: nil, action: .create, actor: actor, settings: settings, in: db)
        if let idempotency {
            try db.executeCached(
                sql: """
                    INSERT INTO idempotency_keys (token_name, key, family, request_hash, record_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    actor.tokenName, idempotency.key, Kind.family.rawValue, Data(idempotency.requestHash),
                    record.id.description, Timestamp.format(now),
                ])
        }
        return .created(record)
    }

    /// The highest case number of the family in `year` (0 when none), of records and of records
    /// removed by gallring: a case number is never given twice.
    static func lastSequence(year: Int, in db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: Self.lastNumberSQL),
            arguments: [Kind.family.rawValue, year, Kind.family.rawValue, year]) ?? 0
    }

    static var lastNumberSQL: String {
        """
        SELECT MAX(seq) FROM (SELECT MAX(seq) AS seq FROM records WHERE family = ? AND year = ?
            UNION ALL SELECT MAX(seq) FROM gallrade_records WHERE family = ? AND year = ?)
        """
    }

    /// A new record of `fields` in the workflow's first status, numbered by `sequence` (the next
    /// case number in a year); refused unless its units exist, are open and the actor may use them.
    static func fresh(
        _ fields: Kind.Fields, by actor: Actor, at now: Date, tree: OrgTree, sequence: (Int) throws -> Int
    ) throws -> CaseRecord<Kind> {
        try checkUnits(of: fields, actor: actor, tree: tree)
        let year = Kind.primaryDate(of: fields).year
        return CaseRecord<Kind>(
            id: CaseNumber(family: Kind.family, year: year, sequence: try sequence(year)),
            status: Kind.workflow.initial, fields: fields, version: 1, createdAt: now, createdBy: actor.tokenName,
            updatedAt: now, voided: nil)
    }

    /// A voided record never changes; a change must be of the version it was computed from.
    static func checkChangeable(_ current: CaseRecord<Kind>, expectedVersion: Int?) throws {
        if let voided = current.voided {
            throw DomainError.conflict(
                rule: "\(current.id) was voided on \(voided.on) (\(voided.reason)); a voided record cannot change")
        }
        if let expectedVersion, current.version != expectedVersion {
            throw DomainError.staleVersion(current: current.version)
        }
    }

    /// Changes a record through `transform` (see `change(_:expectedVersion:by:action:_:)`).
    static func change(
        _ id: CaseNumber, expectedVersion: Int?, by actor: Actor, action: ChangeAction, at now: Date,
        settings: RecordSettings, in db: Database, units: (Database) throws -> OrgTree = UnitStore.tree,
        _ transform: (
            CaseRecord<Kind>,
            LocalDate
        ) throws -> CaseRecord<Kind>
    ) throws -> CaseRecord<Kind> {
        guard let current = try fetchVisible(id, actor: actor, in: db) else { throw notFound(id) }
        return try change(
            current, expectedVersion: expectedVersion, by: actor, action: action, at: now,
            settings: settings, in: db,
            units: units, transform)
    }

    /// The same change, of `current` as this transaction last wrote it: for a caller that has just
    /// created or changed the record itself (the demo loader), so it is not read back and decoded.
    package static func change(
        _ current: CaseRecord<Kind>, expectedVersion: Int?, by actor: Actor, action: ChangeAction,
        at now: Date,
        settings: RecordSettings, in db: Database, units: (Database) throws -> OrgTree = UnitStore.tree,
        _ transform: (
            CaseRecord<Kind>,
            LocalDate
        ) throws -> CaseRecord<Kind>
    ) throws -> CaseRecord<Kind> {
        let next = try next(
            after: current, expectedVersion: expectedVersion, by: actor, at: now, tree: units(db), transform)
        try write(next, previous: current, action: action, actor: actor, settings: settings, in: db)
        return next
    }

    /// The version after `current` that `transform` computes, checked by every change rule
    /// (not voided, `expectedVersion`, the family's change rules, units) and stamped `now`.
    static func next(
        after current: CaseRecord<Kind>, expectedVersion: Int?, by actor: Actor, at now: Date, tree: OrgTree,
        _ transform: (CaseRecord<Kind>, LocalDate) throws -> CaseRecord<Kind>
    ) throws -> CaseRecord<Kind> {
        try checkChangeable(current, expectedVersion: expectedVersion)
        var next = try transform(current, SwedishTime.date(of: now))
        try Kind.checkChange(from: current.fields, to: next.fields)
        next.id = current.id
        next.version = current.version + 1
        next.createdAt = current.createdAt
        next.createdBy = current.createdBy
        next.updatedAt = now
        // Units the record already names stay allowed for an actor who sees it through another one.
        try checkUnits(
            of: next.fields, actor: actor, tree: tree,
            alreadyNamed: Set(Kind.units(of: current.fields).map(\.unitId)))
        return next
    }
}
