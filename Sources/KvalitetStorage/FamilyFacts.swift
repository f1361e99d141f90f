import Foundation
import GRDB
import KvalitetDomain

/// SQLite's spelling of a flag.
private func flag(_ value: Bool) -> Int { value ? 1 : 0 }

extension Klagomal: StoredKind {
    public static func reportTallies(
        _ record: CaseRecord<Klagomal>,
        settings: RecordSettings
    ) -> [ReportTally: Int] { reportTallies(record) }
}

extension LexSarah: StoredKind {
    public static func reportTallies(_ record: CaseRecord<LexSarah>, settings: RecordSettings) -> [ReportTally: Int] {
        reportTallies(record, followUp: settings.ivoFollowUp)
    }

    /// The nested investigation and IVO parts, the assessment's seriousness and the follow-up date.
    public static func derivedFacts(
        _ record: CaseRecord<LexSarah>,
        settings: RecordSettings
    ) -> [(String, DatabaseValue)] {
        let f = record.fields
        let deadline = settings.ivoFollowUp.deadlines(of: f, today: f.reportedOn).investigationToIvoBy
        return [
            ("started_on", f.investigation?.startedOn?.description.databaseValue ?? .null),
            ("completed_on", f.investigation?.completedOn?.description.databaseValue ?? .null),
            ("assessment", f.investigation?.assessment?.rawValue.databaseValue ?? .null),
            ("serious", flag(f.investigation?.assessment?.isSerious == true).databaseValue),
            ("ivo_reported_on", f.ivo?.reportedOn.description.databaseValue ?? .null),
            ("ivo_channel", f.ivo?.channel.rawValue.databaseValue ?? .null),
            ("investigation_sent_on", f.ivo?.investigationSentOn?.description.databaseValue ?? .null),
            ("investigation_to_ivo_by", deadline?.description.databaseValue ?? .null),
        ]
    }

    public static func writeChildRows(
        _ record: CaseRecord<LexSarah>, to db: any RowWriter,
        settings: RecordSettings
    ) throws {
        let f = record.fields
        let id = record.id.description
        try RootCauseRows.replace(recordId: id, causes: f.rootCauses, in: db)
        try db.executeCached(sql: "DELETE FROM lex_sarah_kinds WHERE record_id = ?", arguments: [id])
        for kind in f.kinds {
            try db.executeCached(
                sql: "INSERT INTO lex_sarah_kinds (record_id, kind) VALUES (?, ?)", arguments: [id, kind.rawValue])
        }
        // Only new notes are inserted; the table's triggers refuse any change to the ones already there.
        let stored = try db.count(sql: "SELECT COUNT(*) FROM lex_sarah_notes WHERE record_id = ?", arguments: [id])
        guard stored <= f.notes.count else {
            throw DomainError.conflict(rule: "lex Sarah notes are append-only: an existing note can never be removed")
        }
        for note in f.notes.dropFirst(stored) {
            try db.executeCached(
                sql: """
                    INSERT INTO lex_sarah_notes (record_id, number, documented_on, source, kind, author_name, \
                    author_title, text, added_at, added_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, note.number, note.documentedOn.description, note.source, note.kind.rawValue, note.authorName,
                    note.authorTitle, note.text, Timestamp.format(note.addedAt), note.addedBy,
                ])
        }
    }

    /// A report matches the `category` list filter when the kind is among its kinds.
    public static var categoryCondition: String {
        "EXISTS (SELECT 1 FROM lex_sarah_kinds lsk WHERE lsk.record_id = r.id AND lsk.kind = ?)"
    }

    /// The investigation has not reached IVO and the local follow-up routine's date has passed.
    public static var overdueCondition: String? {
        "EXISTS (SELECT 1 FROM lex_sarah_facts lsf WHERE lsf.record_id = r.id AND lsf.voided = 0 AND "
            + "lsf.investigation_to_ivo_by < ?)"
    }
}

extension Riskanalys: StoredKind {
    public static func reportTallies(
        _ record: CaseRecord<Riskanalys>,
        settings: RecordSettings
    ) -> [ReportTally: Int] {
        reportTallies(record, levels: settings.riskLevels)
    }

    public static func derivedFacts(
        _ record: CaseRecord<Riskanalys>,
        settings: RecordSettings
    ) -> [(String, DatabaseValue)] {
        [("risk_count", record.fields.risks.count.databaseValue)]
    }

    public static func writeChildRows(
        _ record: CaseRecord<Riskanalys>, to db: any RowWriter,
        settings: RecordSettings
    ) throws {
        let f = record.fields
        let id = record.id.description
        try db.executeCached(sql: "DELETE FROM riskanalys_risks WHERE record_id = ?", arguments: [id])
        for (position, risk) in f.risks.enumerated() {
            try db.executeCached(
                sql: """
                    INSERT INTO riskanalys_risks (record_id, position, probability, consequence, risk_value, level,
                        residual_probability, residual_consequence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, position, risk.probability, risk.consequence, risk.value,
                    settings.riskLevels.level(of: risk.value).rawValue, risk.residualProbability,
                    risk.residualConsequence,
                ])
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
            try db.execute(
                sql: """
                    UPDATE riskanalys_risks SET level = CASE
                        WHEN risk_value <= ? THEN 'lag' WHEN risk_value <= ? THEN 'mattlig' WHEN risk_value <= ? THEN \
                        'hog' ELSE 'mycket_hog' END
                    WHERE level <> CASE
                        WHEN risk_value <= ? THEN 'lag' WHEN risk_value <= ? THEN 'mattlig' WHEN risk_value <= ? THEN \
                        'hog' ELSE 'mycket_hog' END
                    """,
                arguments: [
                    levels.lagMax, levels.mattligMax, levels.hogMax, levels.lagMax, levels.mattligMax, levels.hogMax,
                ])
            let changed = db.changesCount
            // The report counts high risks by level: its sums follow the new thresholds.
            if changed > 0 { try ReportCounts.rebuild([.riskanalysHighRisks], settings: settings, in: db) }
            return changed
        }
    }
}

extension Egenkontroll: StoredKind {
    public static func reportTallies(
        _ record: CaseRecord<Egenkontroll>,
        settings: RecordSettings
    ) -> [ReportTally: Int] { reportTallies(record) }

    public static func derivedFacts(
        _ record: CaseRecord<Egenkontroll>,
        settings: RecordSettings
    ) -> [(String, DatabaseValue)] {
        [
            ("survey_offered", record.fields.survey?.offered.databaseValue ?? .null),
            ("survey_responses", record.fields.survey?.responses.databaseValue ?? .null),
        ]
    }
}

extension Tillsynsbeslut: StoredKind {
    public static func reportTallies(
        _ record: CaseRecord<Tillsynsbeslut>,
        settings: RecordSettings
    ) -> [ReportTally: Int] { reportTallies(record) }

    /// The account of measures is unsent and the day the authority set has passed (`TillsynAccount`).
    public static var overdueCondition: String? {
        "EXISTS (SELECT 1 FROM tillsynsbeslut_facts tf WHERE tf.record_id = r.id AND tf.voided = 0 AND "
            + "tf.account_sent_on IS NULL AND tf.account_due_on < ?)"
    }
}
