import Foundation
import GRDB
import KvalitetDomain

/// The creates and changes of one `BulkLoad` transaction, each checked and stamped as the API's,
/// prepared without the database: the writer writes them afterwards (`BulkLoad.write`). A record
/// created or changed here and changed again before anything else is written once: its row, units
/// and facts in its last state, its sums by the change from before to that state (the sum of every
/// step's change), and a history row, audit entry and events per version, in order. A change of a
/// record written earlier is checked against its stored version when the writer writes it.
public final class BulkBatch {
    let actor: Actor
    let settings: RecordSettings
    let clock: any KvalitetClock
    let tree: OrgTree
    /// The last case number given per family and year, carried from batch to batch.
    private var lastNumbers: [String: Int]
    /// The record created or changed last, with its versions since, not yet prepared for the writer.
    private var open: (any OpenRecord)?
    private var records: [any PreparedRecordWrite] = []
    private let pending = PendingTallies()

    init(actor: Actor, settings: RecordSettings, clock: any KvalitetClock, tree: OrgTree, lastNumbers: [String: Int]) {
        self.actor = actor
        self.settings = settings
        self.clock = clock
        self.tree = tree
        self.lastNumbers = lastNumbers
    }

    static func numberKey(_ family: String, _ year: Int) -> String { "\(family) \(year)" }

    /// A new record of valid `fields`, as `POST` creates it: checked units, the next case number of
    /// its family and year, the workflow's first status. Throws the API's `DomainError`s.
    public func create<K: StoredKind>(_ fields: K.Fields) throws -> CaseRecord<K> {
        try close()
        let record = try RecordStore<K>.fresh(fields, by: actor, at: clock.now(), tree: tree) { year in
            let key = Self.numberKey(K.family.rawValue, year)
            let next = (lastNumbers[key] ?? 0) + 1
            lastNumbers[key] = next
            return next
        }
        open = OpenVersions<K>(previous: nil, versions: [(record, .create)])
        return record
    }

    /// The next version of `record` (the version it must still have) that `transform` computes from
    /// it and today, as a PATCH (`.update`) or a transition (`.transition`) would, with every change rule.
    public func change<K: StoredKind>(
        _ record: CaseRecord<K>, action: ChangeAction,
        _ transform: (CaseRecord<K>, LocalDate) throws -> CaseRecord<K>
    ) throws -> CaseRecord<K> {
        if var versions = open as? OpenVersions<K>, versions.last.id == record.id {
            let next = try RecordStore<K>.next(
                after: versions.last, expectedVersion: record.version, by: actor, at: clock.now(), tree: tree,
                transform)
            versions.versions.append((next, action))
            open = versions
            return next
        }
        try close()
        let next = try RecordStore<K>.next(
            after: record, expectedVersion: record.version, by: actor, at: clock.now(), tree: tree, transform)
        open = OpenVersions<K>(previous: record, versions: [(next, action)])
        return next
    }

    /// What the batch holds, for the writer, and an empty batch that goes on numbering from here.
    func finish() throws -> PreparedBatch {
        try close()
        defer { records = [] }
        return PreparedBatch(records: records, sums: pending.take())
    }

    private func close() throws {
        if let open { records.append(try open.prepare(actor: actor, settings: settings, adding: pending)) }
        open = nil
    }
}

/// A batch ready for the writer: its records' writes in order, and its sums added up per row.
struct PreparedBatch: Sendable {
    let records: [any PreparedRecordWrite]
    let sums: ReportCounts.SumChanges
}

/// A record created or changed in a `BulkBatch`, not yet prepared.
private protocol OpenRecord {
    func prepare(actor: Actor, settings: RecordSettings, adding pending: PendingTallies) throws
        -> any PreparedRecordWrite
}

private struct OpenVersions<K: StoredKind>: OpenRecord {
    /// The record as stored before the batch changed it; nil for one the batch created.
    let previous: CaseRecord<K>?
    /// Every version since, oldest first, with the change that made it.
    var versions: [(record: CaseRecord<K>, action: ChangeAction)]
    var last: CaseRecord<K> { versions[versions.count - 1].record }

    func prepare(actor: Actor, settings: RecordSettings, adding pending: PendingTallies) throws
        -> any PreparedRecordWrite
    {
        pending.add(ReportTally.delta(
            from: previous.map { K.reportTallies($0, settings: settings) } ?? [:],
            to: K.reportTallies(last, settings: settings)))
        var before = previous
        let prepared = try versions.map { version in
            defer { before = version.record }
            return PreparedVersion<K>(
                record: version.record, action: version.action, body: try RecordCodec.encode(version.record),
                events: EventOutbox.prepared(version.record, previous: before))
        }
        guard let previous else {
            // A new record: every statement is known now, so the writer only runs them.
            let rows = PreparedRows()
            try PreparedChange<K>.write(prepared, isNew: true, to: rows, actor: actor, settings: settings)
            return NewRecordRows(statements: rows.statements)
        }
        return PreparedChange<K>(previous: previous, versions: prepared, actor: actor)
    }
}

/// One version of a record with its JSON and its events.
struct PreparedVersion<K: StoredKind>: Sendable {
    let record: CaseRecord<K>
    let action: ChangeAction
    let body: String
    let events: [EventOutbox.Prepared]
}

/// One record's writes for the writer.
protocol PreparedRecordWrite: Sendable {
    func write(in db: Database, settings: RecordSettings) throws
}

/// A new record's statements, run in order.
struct NewRecordRows: PreparedRecordWrite {
    let statements: [PreparedRows.Statement]

    func write(in db: Database, settings: RecordSettings) throws { try PreparedRows.run(statements, in: db) }
}

/// Versions of a record written before the batch: written once its stored version is checked.
struct PreparedChange<K: StoredKind>: PreparedRecordWrite {
    let previous: CaseRecord<K>
    let versions: [PreparedVersion<K>]
    let actor: Actor

    func write(in db: Database, settings: RecordSettings) throws {
        guard let stored = try RecordStore<K>.fetchVisible(previous.id, actor: actor, in: db) else {
            throw RecordStore<K>.notFound(previous.id)
        }
        guard stored.version == previous.version else { throw DomainError.staleVersion(current: stored.version) }
        try Self.write(versions, isNew: false, to: db, actor: actor, settings: settings)
    }

    /// The row, units and facts in the last version's state, then per version its history row,
    /// events and audit entry.
    static func write(
        _ versions: [PreparedVersion<K>], isNew: Bool, to rows: any RowWriter, actor: Actor, settings: RecordSettings
    ) throws {
        let last = versions[versions.count - 1]
        try RecordStore<K>.writeRow(last.record, body: last.body, isNew: isNew, in: rows)
        try K.writeFacts(last.record, to: rows, settings: settings)
        for version in versions {
            try RecordStore<K>.writeHistory(
                version.record, body: version.body, events: version.events, action: version.action, actor: actor,
                in: rows)
        }
    }
}
