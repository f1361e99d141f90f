import Foundation
import GRDB
import KvalitetDomain

extension RecordStore {
    /// Writes one state of a record everywhere it lives: its row, its units, the family's facts,
    /// a new version in its history and an audit entry, all in the caller's transaction.
    /// `previous` is the state being replaced (nil for a new record): the report's sums change by the
    /// difference. (The bulk load writes the same rows through `BulkBatch`, its sums once per batch.)
    static func write(
        _ record: CaseRecord<Kind>, previous: CaseRecord<Kind>?, action: ChangeAction, actor: Actor,
        settings: RecordSettings,
        in db: Database
    ) throws {
        let body = try RecordCodec.encode(record)
        try writeRow(record, body: body, isNew: previous == nil, in: db)
        try Kind.writeFacts(record, to: db, settings: settings)
        let delta = ReportTally.delta(
            from: previous.map { Kind.reportTallies($0, settings: settings) } ?? [:],
            to: Kind.reportTallies(record, settings: settings))
        try ReportCounts.apply(delta, in: db)
        try writeHistory(record, previous: previous, body: body, action: action, actor: actor, in: db)
    }

    /// The record's row (`body` is its encoded JSON) and its units: inserted for a new record,
    /// replaced for a changed one.
    static func writeRow(_ record: CaseRecord<Kind>, body: String, isNew: Bool, in db: any RowWriter) throws {
        let id = record.id.description
        let title = Kind.title(of: record.fields)
        let common: StatementArguments = [
            record.status.rawValue, title, TextRules.searchKey(title), Kind.category(of: record.fields),
            Kind.primaryDate(of: record.fields).description, record.version, Timestamp.format(record.updatedAt),
            record.voided?.on.description, record.voided?.reason, record.voided?.by, body,
        ]
        if isNew {
            try db.executeCached(
                sql: """
                    INSERT INTO records (status, title, title_folded, category, primary_date, version, updated_at,
                        voided_on, voided_reason, voided_by, body, id, family, year, seq, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: common + [
                    id, Kind.family.rawValue, record.id.year, record.id.sequence,
                    Timestamp.format(record.createdAt), record.createdBy,
                ])
        } else {
            try db.executeCached(
                sql: """
                    UPDATE records SET status = ?, title = ?, title_folded = ?, category = ?, primary_date = ?, \
                    version = ?,
                        updated_at = ?, voided_on = ?, voided_reason = ?, voided_by = ?, body = ?
                    WHERE id = ?
                    """, arguments: common + [id])
            try db.executeCached(sql: "DELETE FROM record_units WHERE record_id = ?", arguments: [id])
        }
        for unitId in Set(Kind.units(of: record.fields).map(\.unitId)) {
            try db.executeCached(
                sql: "INSERT INTO record_units (record_id, unit_id) VALUES (?, ?)", arguments: [id, unitId])
        }
    }

    /// One version of the record in its history (`body` its encoded JSON), its audit entry and the
    /// events the change from `previous` (nil for a new record) announces.
    static func writeHistory(
        _ record: CaseRecord<Kind>, previous: CaseRecord<Kind>?, body: String, action: ChangeAction, actor: Actor,
        in db: Database
    ) throws {
        try writeHistory(
            record, body: body, events: EventOutbox.prepared(record, previous: previous), action: action, actor: actor,
            in: db)
    }

    /// The same, with the version's events already prepared (the bulk load prepares them off the writer).
    static func writeHistory(
        _ record: CaseRecord<Kind>, body: String, events: [EventOutbox.Prepared], action: ChangeAction, actor: Actor,
        in db: any RowWriter
    ) throws {
        let id = record.id.description
        let changedAt = Timestamp.format(record.updatedAt)
        try db.executeCached(
            sql: """
                INSERT INTO record_versions (record_id, version, action, changed_at, changed_by, request_id, snapshot)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, record.version, action.versionAction, changedAt, actor.tokenName, actor.requestId, body])
        let auditAction: AuditAction =
            switch action {
            case .create: .create
            case .update: .update
            case .transition: .transition
            case .void: .void
            case .note: .note
            }
        try EventOutbox.append(events, in: db)
        try AuditLog.append(
            db, at: changedAt, actor: actor, action: auditAction, recordId: id,
            detail: "version \(record.version), status \(record.status.rawValue)")
    }
}
