/// What each record family contributes to the kvalitetsberättelse: the counting rules of the report,
/// stated once per family. A voided record contributes nothing.
struct TallySheet {
    let units: String
    var tallies: [ReportTally: Int] = [:]

    init(units: String) { self.units = units }

    mutating func add(_ metric: ReportMetric, _ date: LocalDate, key: TallyKey = .none, amount: Int = 1) {
        guard amount != 0 else { return }
        tallies[ReportTally(metric, on: date, units: units, key: key), default: 0] += amount
    }
}

extension Avvikelse {
    public static func reportTallies(_ record: CaseRecord<Avvikelse>) -> [ReportTally: Int] {
        guard record.voided == nil else { return [:] }
        let f = record.fields
        var sheet = TallySheet(units: f.unitId)
        sheet.add(.avvikelseReceived, f.receivedOn)
        if let closed = f.closedOn {
            sheet.add(.avvikelseClosed, closed, key: TallyKey(f.category.rawValue))
            for cause in Set(f.rootCauses) { sheet.add(.avvikelseClosedCause, closed, key: TallyKey(cause.rawValue)) }
            sheet.add(.avvikelseHandlingDays, closed, key: TallyKey(String(f.receivedOn.days(until: closed))))
        }
        return sheet.tallies
    }
}

extension Klagomal {
    public static func reportTallies(_ record: CaseRecord<Klagomal>) -> [ReportTally: Int] {
        guard record.voided == nil else { return [:] }
        let f = record.fields
        var sheet = TallySheet(units: f.unitId)
        sheet.add(.klagomalReceived, f.receivedOn, key: TallyKey(f.source.rawValue))
        if let closed = f.closedOn {
            sheet.add(.klagomalClosedSubject, closed, key: TallyKey(f.subject.rawValue))
            if let outcome = f.outcome { sheet.add(.klagomalClosedOutcome, closed, key: TallyKey(outcome.rawValue)) }
            sheet.add(.klagomalClosedSubmitter, closed, key: TallyKey(f.submitter.rawValue))
            sheet.add(.klagomalHandlingDays, closed, key: TallyKey(String(f.receivedOn.days(until: closed))))
        }
        return sheet.tallies
    }
}

extension LexSarah {
    /// The counting rules; the overdue days follow the local follow-up routine.
    public static func reportTallies(
        _ record: CaseRecord<LexSarah>,
        followUp: IvoFollowUp = .standard
    ) -> [ReportTally: Int] {
        guard record.voided == nil else { return [:] }
        let f = record.fields
        var sheet = TallySheet(units: f.unitId)
        sheet.add(.lexSarahReported, f.reportedOn)
        if let closed = f.closedOn { sheet.add(.lexSarahClosed, max(closed, f.reportedOn)) }
        // Treated by the committee: decided, and assessed as something other than "no missförhållande".
        if let decided = f.committeeDecidedOn, let assessment = f.investigation?.assessment,
            assessment != .ejMissforhallande
        {
            sheet.add(.lexSarahTreated, decided, key: TallyKey(assessment.rawValue))
            // Once in each of its kinds: the kinds' counts may add up to more than the reports.
            for kind in Set(f.kinds) { sheet.add(.lexSarahTreatedKind, decided, key: TallyKey(kind.rawValue)) }
            for cause in Set(f.rootCauses) { sheet.add(.lexSarahTreatedCause, decided, key: TallyKey(cause.rawValue)) }
        }
        if let ivo = f.ivo {
            sheet.add(.lexSarahReportedToIvo, ivo.reportedOn)
            if let overdue = followUp.overdue(reportedOn: ivo.reportedOn, sentOn: ivo.investigationSentOn) {
                sheet.add(.lexSarahOverdueFrom, overdue.from)
                if let until = overdue.until { sheet.add(.lexSarahOverdueUntil, until) }
            }
        }
        if let completed = f.investigation?.completedOn {
            sheet.add(.lexSarahHandlingDays, completed, key: TallyKey(String(f.reportedOn.days(until: completed))))
        }
        return sheet.tallies
    }
}

extension Riskanalys {
    public static func reportTallies(_ record: CaseRecord<Riskanalys>, levels: RiskLevels) -> [ReportTally: Int] {
        let f = record.fields
        guard record.voided == nil, record.status == .genomford || record.status == .uppfoljd,
            let performed = f.performedOn
        else { return [:] }
        var sheet = TallySheet(units: ReportTally.unitsKey(f.unitIds))
        sheet.add(.riskanalysDone, performed, key: TallyKey(f.trigger.rawValue, (f.documented ? "1" : "0")))
        let high = f.risks.filter { [.hog, .mycketHog].contains(levels.level(of: $0.value)) }.count
        sheet.add(.riskanalysHighRisks, performed, amount: high)
        return sheet.tallies
    }
}

extension Egenkontroll {
    public static func reportTallies(_ record: CaseRecord<Egenkontroll>) -> [ReportTally: Int] {
        let f = record.fields
        guard record.voided == nil, record.status == .genomford, let performed = f.performedOn else { return [:] }
        var sheet = TallySheet(units: ReportTally.unitsKey(f.unitIds))
        sheet.add(.egenkontrollDone, performed, key: TallyKey(f.area.rawValue, f.method.rawValue))
        sheet.add(.egenkontrollDocumented, performed, amount: f.documented ? 1 : 0)
        sheet.add(.egenkontrollDeficient, performed, amount: f.deficienciesFound ? 1 : 0)
        sheet.add(.egenkontrollOffered, performed, amount: f.survey?.offered ?? 0)
        sheet.add(.egenkontrollResponses, performed, amount: f.survey?.responses ?? 0)
        return sheet.tallies
    }
}

extension Tillsynsbeslut {
    public static func reportTallies(_ record: CaseRecord<Tillsynsbeslut>) -> [ReportTally: Int] {
        guard record.voided == nil else { return [:] }
        let f = record.fields
        var sheet = TallySheet(units: ReportTally.unitsKey(f.unitIds))
        let key = TallyKey(f.authority.rawValue, f.caseNumber)
        sheet.add(.tillsynCase, f.decidedOn, key: key)
        sheet.add(.tillsynDeficientCase, f.decidedOn, key: key, amount: f.deficienciesFound ? 1 : 0)
        return sheet.tallies
    }
}
