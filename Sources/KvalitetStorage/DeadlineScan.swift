import Foundation
import GRDB
import KvalitetDomain

/// What one daily deadline scan did: the day it ran for, the previous scan's day (nil for the
/// first: the days in between were caught up by this one scan) and the events it wrote.
public struct DeadlineScanResult: Sendable, Equatable {
    public let day: LocalDate
    public let since: LocalDate?
    public let approaching: Int
    public let passed: Int
}

/// The daily deadline scan's storage: which records have an open deadline, which notices were given,
/// and the scan days. SQL finds the candidates through the facts tables; the domain
/// (`DeadlineRules.open`, `DeadlineRules.notice`) decides each deadline, so every rule lives once.
public struct DeadlineStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// Records that may have an open deadline: lex Sarah reports reported to IVO with the
    /// investigation unsent, complaints neither acknowledged, answered nor closed, and decisions
    /// whose account is asked for and unsent; never voided ones.
    private static let candidatesSQL = """
        SELECT r.family, r.body FROM records r WHERE r.id IN (
            SELECT record_id FROM lex_sarah_facts WHERE voided = 0 AND investigation_to_ivo_by IS NOT NULL
            UNION ALL
            SELECT record_id FROM klagomal_facts
            WHERE voided = 0 AND acknowledged_on IS NULL AND responded_on IS NULL AND closed_on IS NULL
            UNION ALL
            SELECT record_id FROM tillsynsbeslut_facts
            WHERE voided = 0 AND account_due_on IS NOT NULL AND account_sent_on IS NULL)
        ORDER BY r.id
        """

    /// Scans as of `day` (a Europe/Stockholm calendar day) in one transaction: writes the day's row,
    /// then for every open deadline the one event its state calls for that was not given before
    /// (`deadline.passed` once its day is over, else `deadline.approaching` within the rules' days),
    /// with the notice that keeps it from being given again. Returns nil, writing nothing, when
    /// `day` or a later day was already scanned (a restart on the same day, or a clock set back).
    /// A scan after missed days catches them up at once: each deadline gets the event its state
    /// calls for on `day`, so one that approached and passed while the service was down gets only
    /// `deadline.passed`.
    public func scan(day: LocalDate, rules: DeadlineRules, at now: Date) async throws -> DeadlineScanResult? {
        try await database.pool.write { db in
            let last = try String.fetchOne(db, sql: "SELECT MAX(day) FROM deadline_scans").flatMap(LocalDate.init)
            if let last, last >= day { return nil }
            try db.execute(
                sql: "INSERT INTO deadline_scans (day, since, scanned_at, approaching, passed) VALUES (?, ?, ?, 0, 0)",
                arguments: [day.description, last?.description, Timestamp.format(now)])
            var events: [RecordEvent] = []
            for row in try Row.fetchAll(db, sql: Self.candidatesSQL) {
                guard let family = RecordFamily(rawValue: row[0] as String) else { continue }
                let body: String = row[1]
                guard let event = try Self.event(family: family, body: body, day: day, rules: rules, in: db) else {
                    continue
                }
                events.append(event)
            }
            try EventOutbox.append(events, at: now, in: db)
            let passed = events.filter { $0.kind == .deadlinePassed }.count
            try db.execute(
                sql: "UPDATE deadline_scans SET approaching = ?, passed = ? WHERE day = ?",
                arguments: [events.count - passed, passed, day.description])
            return DeadlineScanResult(day: day, since: last, approaching: events.count - passed, passed: passed)
        }
    }

    /// The stored record's deadline event for `day`, with its notice written; nil when it needs none.
    private static func event(
        family: RecordFamily, body: String, day: LocalDate, rules: DeadlineRules, in db: Database
    ) throws -> RecordEvent? {
        switch family {
        case .lexSarah: try event(RecordCodec.decode(body, as: LexSarah.self), day: day, rules: rules, in: db)
        case .klagomal: try event(RecordCodec.decode(body, as: Klagomal.self), day: day, rules: rules, in: db)
        case .tillsynsbeslut:
            try event(RecordCodec.decode(body, as: Tillsynsbeslut.self), day: day, rules: rules, in: db)
        case .avvikelse, .riskanalys, .egenkontroll: nil
        }
    }

    private static func event<Kind: RecordKind>(
        _ record: CaseRecord<Kind>, day: LocalDate, rules: DeadlineRules, in db: Database
    ) throws -> RecordEvent? {
        guard let deadline = rules.open(record), let kind = rules.notice(dueOn: deadline.dueOn, today: day) else {
            return nil
        }
        try db.execute(
            sql: """
                INSERT INTO deadline_notices (record_id, deadline, kind, due_on, scan_day) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """,
            arguments: [
                record.id.description, deadline.code.rawValue, kind.rawValue, deadline.dueOn.description,
                day.description,
            ])
        guard db.changesCount == 1 else { return nil }
        return RecordEvents.event(kind, of: record, deadline: deadline)
    }

    /// The last day scanned, nil before the first scan.
    public func lastScanDay() async throws -> LocalDate? {
        try await database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(day) FROM deadline_scans").flatMap(LocalDate.init)
        }
    }
}
