import Crypto
import Foundation
import GRDB
import KvalitetDomain

/// An `Idempotency-Key` with the fingerprint of the body it came with.
public struct IdempotencyKey: Sendable {
    public let key: String
    public let requestHash: [UInt8]

    public init(key: String, body: [UInt8]) {
        self.key = key
        self.requestHash = Array(SHA256.hash(data: body))
    }
}

/// The result of a create: a new record, or the original one for a repeated idempotent request.
public enum CreateOutcome<Kind: RecordKind>: Sendable {
    case created(CaseRecord<Kind>)
    case replayed(CaseRecord<Kind>)

    public var record: CaseRecord<Kind> {
        switch self {
        case .created(let record), .replayed(let record): record
        }
    }
}

/// Every record family's store: one method, one transaction; every write with its version and audit entry.
public struct RecordStore<Kind: StoredKind>: Sendable {
    let database: KvalitetDatabase
    let settings: RecordSettings

    public init(_ database: KvalitetDatabase, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.settings = settings
    }

    public func create(
        _ fields: Kind.Fields, by actor: Actor,
        idempotency: IdempotencyKey? = nil
    ) async throws -> CreateOutcome<Kind> {
        let now = database.now
        let settings = settings
        return try await StorageErrors.translate {
            try await database.write { [database] db in
                try Self.create(
                    fields, by: actor, idempotency: idempotency, at: now, settings: settings, in: db,
                    units: database.unitTree(in:))
            }
        }
    }

    /// Reads one record's details; the read itself is written to the audit log.
    public func read(_ id: CaseNumber, by actor: Actor) async throws -> CaseRecord<Kind> {
        let now = database.nowText
        let cache = database.decodedRecords
        // One trip to the writer: the SELECT and its audit entry in one job, answered after their batch
        // committed. The writer only fetches the row; the JSON is decoded (or found in the cache, which
        // only committed versions fill) here, after the commit, beside the writer's next batch
        // instead of on its one thread. (The same codec wrote the body; should decoding ever fail, the
        // audit entry stands for a read that was answered with a 500.)
        let stored = try await database.write { db in
            guard let row = try Self.fetchVisibleRow(id, actor: actor, in: db) else { throw Self.notFound(id) }
            try AuditLog.append(db, at: now, actor: actor, action: .read, recordId: id.description)
            return StoredVersion(id: row[0], version: row[1], body: row[2])
        }
        return try Self.decode(stored, cache: cache)
    }

    /// Every version of a record, oldest first; reading history is audited like a detail read.
    public func history(_ id: CaseNumber, by actor: Actor) async throws -> [RecordVersion<Kind>] {
        let now = database.nowText
        let versions = try await database.pool.read { db -> [RecordVersion<Kind>]? in
            guard try Self.fetchVisible(id, actor: actor, in: db) != nil else { return nil }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM record_versions WHERE record_id = ? ORDER BY version",
                arguments: [id.description]
            ).map { row in
                RecordVersion(
                    record: try RecordCodec.decode(row["snapshot"], as: Kind.self),
                    action: ChangeAction(rawValue: row["action"]) ?? .update,
                    changedAt: Timestamp.parse(row["changed_at"]) ?? Date(timeIntervalSince1970: 0),
                    changedBy: row["changed_by"], requestId: row["request_id"])
            }
        }
        guard let versions else { throw Self.notFound(id) }
        try await AuditLog.append(to: database, at: now, actor: actor, action: .history, recordIds: [id.description])
        return versions
    }

    /// One page of records the actor may see. With `auditAs`, each listed record is audited
    /// (an export that includes free text is a detail read of every record in it).
    public func list(
        _ query: RecordQuery, by actor: Actor,
        auditAs: AuditAction? = nil
    ) async throws -> RecordPage<Kind> {
        let now = database.nowText
        let today = SwedishTime.date(of: database.now)
        // Read from a committed snapshot, so the decoded versions may be cached.
        let page = try await database.pool.read { db in
            try Self.fetchPage(query, actor: actor, today: today, cache: database.decodedRecords, in: db)
        }
        if let auditAs, !page.items.isEmpty {
            try await AuditLog.append(
                to: database, at: now, actor: actor, action: auditAs,
                recordIds: page.items.map(\.id.description))
        }
        return page
    }

    // MARK: - Inside a transaction

    /// A record's stored version as read in a transaction, to decode after it.
    struct StoredVersion: Sendable {
        let id: String
        let version: Int
        let body: String
    }

    static func notFound(_ id: CaseNumber) -> DomainError { .notFound("no \(Kind.family.prefix) record \(id)") }

    static func fetchVisible(_ id: CaseNumber, actor: Actor, in db: Database) throws -> CaseRecord<Kind>? {
        try fetchVisibleRow(id, actor: actor, in: db).map { try RecordCodec.decode($0[2], as: Kind.self) }
    }

    /// The row (`id, version, body`) of a record the actor may see, not yet decoded.
    static func fetchVisibleRow(_ id: CaseNumber, actor: Actor, in db: Database) throws -> Row? {
        let prelude = Visibility.prelude(actor: actor, filterUnit: nil)
        let visible = Visibility.conditions(actor: actor, filterUnit: nil)
        let conditions = ["r.id = ?", "r.family = ?"] + visible.sql
        let sql =
            prelude.sql + "SELECT r.id, r.version, r.body FROM records r WHERE " + conditions.joined(separator: " AND ")
        // Cached: the text varies only with the family, the size of the actor's unit scope and its role.
        return try Row.fetchOne(
            db.cachedStatement(sql: sql),
            arguments: prelude.arguments + [
                id.description,
                Kind.family.rawValue,
            ] + visible.arguments)
    }

    /// A committed version as a record, decoded once per version. Only a committed version (a
    /// reader's snapshot, or the writer's row after its commit) may fill the cache.
    static func decode(_ stored: StoredVersion, cache: VersionCache<any Sendable>) throws -> CaseRecord<Kind> {
        try decode(id: stored.id, version: stored.version, cache: cache) { stored.body }
    }

    /// The same, reading the body (`body`) only when the version is not in the cache.
    static func decode(
        id: String, version: Int, cache: VersionCache<any Sendable>, body: () -> String
    ) throws -> CaseRecord<Kind> {
        let key = VersionCache<any Sendable>.Key(id: id, version: version)
        if let record = cache.value(for: key) as? CaseRecord<Kind> { return record }
        let record = try RecordCodec.decode(body(), as: Kind.self)
        cache.store(record, for: key)
        return record
    }

    static func fetchPage(
        _ query: RecordQuery, actor: Actor, today: LocalDate, cache: VersionCache<any Sendable>,
        in db: Database
    ) throws -> RecordPage<Kind> {
        let prelude = Visibility.prelude(actor: actor, filterUnit: query.unitId)
        let visible = Visibility.conditions(actor: actor, filterUnit: query.unitId)
        var conditions = ["r.family = ?"] + visible.sql
        var arguments: StatementArguments = prelude.arguments + [Kind.family.rawValue] + visible.arguments
        if !query.includeVoided { conditions.append("r.voided_on IS NULL") }
        if let status = query.status { conditions.append("r.status = ?"); arguments += [status] }
        if let from = query.from { conditions.append("r.primary_date >= ?"); arguments += [from.description] }
        if let to = query.to { conditions.append("r.primary_date <= ?"); arguments += [to.description] }
        if let category = query.category { conditions.append(Kind.categoryCondition); arguments += [category] }
        if let overdue = query.overdue, let condition = Kind.overdueCondition {
            conditions.append(overdue ? condition : "NOT " + condition)
            arguments += [today.description]
        }
        if let text = query.text {
            let keys = TextRules.searchKeys(text)
            let like = keys.map { _ in "r.title_folded LIKE ? ESCAPE '\\'" }
            conditions.append("(" + like.joined(separator: " OR ") + ")")
            arguments += StatementArguments(keys.map { "%" + escapeLike($0) + "%" })
        }
        if let after = query.after {
            conditions.append("(r.year < ? OR (r.year = ? AND r.seq < ?))")
            arguments += [after.year, after.year, after.sequence]
        }
        arguments += [query.limit + 1]
        let sql =
            prelude.sql + "SELECT r.id, r.version, r.body FROM records r WHERE " + conditions.joined(separator: " AND ")
            + " ORDER BY r.year DESC, r.seq DESC LIMIT ?"
        var items: [CaseRecord<Kind>] = []
        // Kept prepared (the text varies only with the filters given), except with a text search,
        // whose number of LIKE terms would make a statement per query.
        let statement = query.text == nil ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            items.append(try decode(id: row[0], version: row[1], cache: cache) { row[2] })
        }
        let hasMore = items.count > query.limit
        if hasMore { items.removeLast() }
        return RecordPage(items: items, next: hasMore ? items.last?.id : nil)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "%",
            with: "\\%"
        ).replacingOccurrences(of: "_", with: "\\_")
    }

    /// Every unit must exist, be visible to the actor (unless the record already names it), and be
    /// open on the record's primary date.
    static func checkUnits(
        of fields: Kind.Fields, actor: Actor, tree: OrgTree,
        alreadyNamed: Set<String> = []
    ) throws {
        let date = Kind.primaryDate(of: fields)
        var problems = ProblemList()
        for (pointer, unitId) in Kind.units(of: fields) {
            guard let unit = tree.units[unitId],
                alreadyNamed.contains(unitId) || Visibility.unitInScope(unitId, actor: actor, tree: tree)
            else {
                problems.add(pointer, .unknownUnit(unitId: unitId))
                continue
            }
            if !unit.isOpen(on: date) { problems.add(pointer, .unitNotOpen(unitId: unitId, date: "\(date)")) }
        }
        try problems.throwIfAny()
    }

    static func replay(_ idempotency: IdempotencyKey, actor: Actor, in db: Database) throws -> CaseRecord<Kind>? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT family, request_hash, record_id FROM idempotency_keys WHERE token_name = ? AND key = ?
                        """), arguments: [actor.tokenName, idempotency.key])
        else { return nil }
        let hash: Data = row["request_hash"]
        guard (row["family"] as String) == Kind.family.rawValue, Array(hash) == idempotency.requestHash else {
            throw IdempotencyKeyReused(key: idempotency.key)
        }
        let snapshot = try String.fetchOne(
            db.cachedStatement(sql: "SELECT snapshot FROM record_versions WHERE record_id = ? AND version = 1"),
            arguments: [row["record_id"] as String])
        guard let snapshot else { return nil }
        return try RecordCodec.decode(snapshot, as: Kind.self)
    }
}
