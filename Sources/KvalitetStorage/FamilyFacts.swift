import Foundation
import GRDB
import KvalitetDomain

/// SQLite's spelling of a flag.
private func flag(_ value: Bool) -> Int { value ? 1 : 0 }

extension Klagomal: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Klagomal>, settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeFacts(_ record: CaseRecord<Klagomal>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO klagomal_facts (record_id, unit_id, received_on, source, submitter, type, subject, status,
                acknowledged_on, responded_on, closed_on, outcome, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id.description, f.unitId, f.receivedOn.description, f.source.rawValue, f.submitter.rawValue,
                             f.type.rawValue, f.subject.rawValue, record.status.rawValue, f.acknowledgedOn?.description,
                             f.respondedOn?.description, f.closedOn?.description, f.outcome?.rawValue, flag(record.voided != nil)])
    }
}

extension LexSarah: StoredKind {
    public static func reportTallies(_ record: CaseRecord<LexSarah>, settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeFacts(_ record: CaseRecord<LexSarah>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        let id = record.id.description
        let deadline = LexSarah.deadlines(of: f, today: f.reportedOn).investigationToIvoBy
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO lex_sarah_facts (record_id, unit_id, reported_on, occurred_on, reporter_role, category, status,
                started_on, completed_on, assessment, serious, committee_decided_on, ivo_reported_on, ivo_channel,
                investigation_sent_on, investigation_to_ivo_by, closed_on, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, f.unitId, f.reportedOn.description, f.occurredOn?.description, f.reporterRole.rawValue,
                             f.category.rawValue, record.status.rawValue, f.investigation?.startedOn?.description,
                             f.investigation?.completedOn?.description, f.investigation?.assessment?.rawValue,
                             flag(f.investigation?.assessment?.isSerious == true), f.committeeDecidedOn?.description,
                             f.ivo?.reportedOn.description, f.ivo?.channel.rawValue, f.ivo?.investigationSentOn?.description,
                             deadline?.description, f.closedOn?.description, flag(record.voided != nil)])
        try RootCauseRows.replace(recordId: id, causes: f.rootCauses, in: db)
        // Only new notes are inserted; the table's triggers refuse any change to the ones already there.
        let stored = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM lex_sarah_notes WHERE record_id = ?"), arguments: [id]) ?? 0
        guard stored <= f.notes.count else {
            throw DomainError.conflict(rule: "lex Sarah notes are append-only: an existing note can never be removed")
        }
        for note in f.notes.dropFirst(stored) {
            try db.executeCached(sql: """
                INSERT INTO lex_sarah_notes (record_id, number, documented_on, source, kind, author_name, author_title, text, added_at, added_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, note.number, note.documentedOn.description, note.source, note.kind.rawValue, note.authorName,
                                 note.authorTitle, note.text, Timestamp.format(note.addedAt), note.addedBy])
        }
    }

    /// The investigation has not reached IVO and its two months have run out.
    public static var overdueCondition: String? {
        "EXISTS (SELECT 1 FROM lex_sarah_facts lsf WHERE lsf.record_id = r.id AND lsf.voided = 0 AND lsf.investigation_to_ivo_by < ?)"
    }
}

extension Riskanalys: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Riskanalys>, settings: RecordSettings) -> [ReportTally: Int] {
        reportTallies(record, levels: settings.riskLevels)
    }

    public static func writeFacts(_ record: CaseRecord<Riskanalys>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        let id = record.id.description
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO riskanalys_facts (record_id, planned_on, performed_on, status, trigger, documented, risk_count, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, f.plannedOn?.description, f.performedOn?.description, record.status.rawValue, f.trigger.rawValue,
                             flag(f.documented), f.risks.count, flag(record.voided != nil)])
        try db.executeCached(sql: "DELETE FROM riskanalys_risks WHERE record_id = ?", arguments: [id])
        for (position, risk) in f.risks.enumerated() {
            try db.executeCached(sql: """
                INSERT INTO riskanalys_risks (record_id, position, probability, consequence, risk_value, level,
                    residual_probability, residual_consequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, position, risk.probability, risk.consequence, risk.value,
                                 settings.riskLevels.level(of: risk.value).rawValue, risk.residualProbability, risk.residualConsequence])
        }
    }
}

extension RecordStore where Kind == Riskanalys {
    /// Brings every stored risk's level in line with `settings.riskLevels` (after the thresholds were
    /// reconfigured); returns how many rows changed. Run at start-up, before serving.
    @discardableResult
    public func relevelRisks() throws -> Int {
        let levels = settings.riskLevels
        return try database.pool.write { db in
            try db.execute(sql: """
                UPDATE riskanalys_risks SET level = CASE
                    WHEN risk_value <= ? THEN 'lag' WHEN risk_value <= ? THEN 'mattlig' WHEN risk_value <= ? THEN 'hog' ELSE 'mycket_hog' END
                WHERE level <> CASE
                    WHEN risk_value <= ? THEN 'lag' WHEN risk_value <= ? THEN 'mattlig' WHEN risk_value <= ? THEN 'hog' ELSE 'mycket_hog' END
                """, arguments: [levels.lagMax, levels.mattligMax, levels.hogMax, levels.lagMax, levels.mattligMax, levels.hogMax])
            let changed = db.changesCount
            // The report counts high risks by level: its sums follow the new thresholds.
            if changed > 0 { try ReportCounts.rebuild([.riskanalysHighRisks], settings: settings, in: db) }
            return changed
        }
    }
}

extension Egenkontroll: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Egenkontroll>, settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeFacts(_ record: CaseRecord<Egenkontroll>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO egenkontroll_facts (record_id, planned_on, performed_on, status, area, method, period_from, period_to,
                documented, deficiencies_found, survey_offered, survey_responses, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id.description, f.plannedOn?.description, f.performedOn?.description, record.status.rawValue,
                             f.area.rawValue, f.method.rawValue, f.periodFrom?.description, f.periodTo?.description, flag(f.documented),
                             flag(f.deficienciesFound), f.survey?.offered, f.survey?.responses, flag(record.voided != nil)])
    }
}

extension Tillsynsbeslut: StoredKind {
    public static func reportTallies(_ record: CaseRecord<Tillsynsbeslut>, settings: RecordSettings) -> [ReportTally: Int] { reportTallies(record) }

    public static func writeFacts(_ record: CaseRecord<Tillsynsbeslut>, to db: Database, settings: RecordSettings) throws {
        let f = record.fields
        try db.executeCached(sql: """
            INSERT OR REPLACE INTO tillsynsbeslut_facts (record_id, authority, case_number, decided_on, subject, status,
                deficiencies_found, voided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id.description, f.authority.rawValue, f.caseNumber, f.decidedOn.description, f.subject.rawValue,
                             record.status.rawValue, flag(f.deficienciesFound), flag(record.voided != nil)])
    }
}
