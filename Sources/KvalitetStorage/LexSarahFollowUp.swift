import GRDB
import KvalitetDomain

extension RecordStore where Kind == LexSarah {
    /// Brings the stored follow-up dates (`lex_sarah_facts.investigation_to_ivo_by`, which the
    /// `?overdue=` filter compares) and the report's overdue sums in line with the configured local
    /// routine (`settings.ivoFollowUp`) after it was changed; returns whether anything changed.
    /// Run at start-up, before serving: reads only facts columns, so it costs little when nothing changed.
    @discardableResult
    public func applyFollowUpRoutine() throws -> Bool {
        let followUp = settings.ivoFollowUp
        let settings = settings
        return try database.pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT record_id, ivo_reported_on, investigation_sent_on, investigation_to_ivo_by, voided
                FROM lex_sarah_facts WHERE ivo_reported_on IS NOT NULL
                """)
            let fromMetric = ReportMetric.lexSarahOverdueFrom.rawValue
            let untilMetric = ReportMetric.lexSarahOverdueUntil.rawValue
            var changed: [(id: String, by: String?)] = []
            var expected: [String: Int] = [:]
            for row in rows {
                guard let reported = LocalDate(row["ivo_reported_on"] as String) else { continue }
                let sent = (row["investigation_sent_on"] as String?).flatMap(LocalDate.init)
                let by = sent == nil ? followUp.sendBy(reportedOn: reported).description : nil
                if by != row["investigation_to_ivo_by"] { changed.append((row["record_id"], by)) }
                guard (row["voided"] as Int) == 0,
                      let overdue = followUp.overdue(reportedOn: reported, sentOn: sent) else { continue }
                expected[fromMetric + " " + overdue.from.description, default: 0] += 1
                if let until = overdue.until { expected[untilMetric + " " + until.description, default: 0] += 1 }
            }
            var stored: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT metric, period, SUM(n) FROM report_totals
                WHERE metric IN (?, ?) AND grain = 'd' GROUP BY metric, period
                """, arguments: [fromMetric, untilMetric]) {
                stored[(row[0] as String) + " " + (row[1] as String)] = row[2]
            }
            for (id, by) in changed {
                try db.execute(sql: "UPDATE lex_sarah_facts SET investigation_to_ivo_by = ? WHERE record_id = ?",
                               arguments: [by, id])
            }
            guard stored != expected || !changed.isEmpty else { return false }
            try ReportCounts.rebuild([.lexSarahOverdueFrom, .lexSarahOverdueUntil], settings: settings, in: db)
            return true
        }
    }
}
