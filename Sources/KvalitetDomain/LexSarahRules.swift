/// The validation of a lex Sarah report: every date in its order, and the IVO rules.
enum LexSarahRules {
    static func validate(_ draft: LexSarah.Draft, today: LocalDate) -> Result<LexSarah.Fields, DomainError> {
        var problems = ProblemList()
        problems.require(draft.unitId, "/unitId")
        problems.title(draft.title)
        problems.text(draft.description, "/description")
        problems.require(draft.reportedOn, "/reportedOn")
        problems.notInFuture(draft.reportedOn, "/reportedOn", today: today)
        problems.require(draft.reporterRole, "/reporterRole")
        if let occurredOn = draft.occurredOn, let reportedOn = draft.reportedOn, occurredOn > reportedOn {
            problems.add("/occurredOn", .after(other: "reportedOn", value: "\(reportedOn)"))
        }
        problems.kinds(draft.kinds)
        problems.distinct(draft.rootCauses, "/rootCauses")
        let immediate = immediateMeasures(draft, today: today, into: &problems)
        let investigation = draft.investigation
        if let investigation { check(investigation, draft, today: today, into: &problems) }
        problems.notBefore(draft.committeeDecidedOn, "/committeeDecidedOn", draft.reportedOn, "reportedOn")
        problems.notBefore(
            draft.committeeDecidedOn, "/committeeDecidedOn", investigation?.completedOn, "investigation.completedOn")
        problems.notInFuture(draft.committeeDecidedOn, "/committeeDecidedOn", today: today)
        let ivo = ivo(draft, today: today, into: &problems)
        problems.notBefore(draft.closedOn, "/closedOn", draft.reportedOn, "reportedOn")
        problems.notBefore(draft.closedOn, "/closedOn", investigation?.completedOn, "investigation.completedOn")
        problems.notBefore(draft.closedOn, "/closedOn", draft.committeeDecidedOn, "committeeDecidedOn")
        problems.notInFuture(draft.closedOn, "/closedOn", today: today)
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        guard problems.isEmpty, let unitId = draft.unitId, let title = draft.title, let reportedOn = draft.reportedOn,
            let reporterRole = draft.reporterRole, let kinds = draft.kinds
        else { return .failure(.invalid(problems.problems)) }
        return .success(
            LexSarah.Fields(
                unitId: unitId, title: title, description: draft.description ?? "", reportedOn: reportedOn,
                reporterRole: reporterRole, occurredOn: draft.occurredOn, kinds: kinds,
                rootCauses: draft.rootCauses ?? [],
                immediateMeasures: immediate, investigation: investigation,
                committeeDecidedOn: draft.committeeDecidedOn,
                ivo: ivo, measures: measures, closedOn: draft.closedOn))
    }

    private static func immediateMeasures(
        _ draft: LexSarah.Draft, today: LocalDate, into problems: inout ProblemList
    ) -> LexSarah.ImmediateMeasures? {
        guard let given = draft.immediateMeasures else { return nil }
        if let description = problems.require(given.description, "/immediateMeasures/description") {
            TextRules.check(
                description, pointer: "/immediateMeasures/description", min: 1, max: TextRules.shortTextMax,
                into: &problems)
        }
        problems.require(given.takenOn, "/immediateMeasures/takenOn")
        problems.notBefore(given.takenOn, "/immediateMeasures/takenOn", draft.occurredOn, "occurredOn")
        problems.notInFuture(given.takenOn, "/immediateMeasures/takenOn", today: today)
        guard let description = given.description, let takenOn = given.takenOn else { return nil }
        return LexSarah.ImmediateMeasures(description: description, takenOn: takenOn)
    }

    private static func check(
        _ investigation: LexSarah.Investigation, _ draft: LexSarah.Draft, today: LocalDate,
        into problems: inout ProblemList
    ) {
        problems.text(investigation.investigator, "/investigation/investigator", min: 1, max: TextRules.nameMax)
        problems.text(investigation.motivation, "/investigation/motivation", min: 1)
        problems.notBefore(investigation.startedOn, "/investigation/startedOn", draft.reportedOn, "reportedOn")
        problems.notInFuture(investigation.startedOn, "/investigation/startedOn", today: today)
        problems.notBefore(investigation.completedOn, "/investigation/completedOn", draft.reportedOn, "reportedOn")
        problems.notBefore(
            investigation.completedOn, "/investigation/completedOn", investigation.startedOn, "investigation.startedOn")
        problems.notInFuture(investigation.completedOn, "/investigation/completedOn", today: today)
    }

    private static func ivo(
        _ draft: LexSarah.Draft, today: LocalDate, into problems: inout ProblemList
    ) -> LexSarah.Ivo? {
        guard let given = draft.ivo else { return nil }
        problems.require(given.reportedOn, "/ivo/reportedOn")
        problems.notBefore(given.reportedOn, "/ivo/reportedOn", draft.reportedOn, "reportedOn")
        problems.notInFuture(given.reportedOn, "/ivo/reportedOn", today: today)
        // The anmälan may precede the assessment ("snarast"), but never contradict it.
        if let assessment = draft.investigation?.assessment, !assessment.isSerious {
            problems.add("/ivo/reportedOn", .onlyForSeriousAssessment(assessment: assessment.rawValue))
        }
        problems.require(given.channel, "/ivo/channel")
        problems.text(given.caseNumber, "/ivo/caseNumber", min: 1, max: 100)
        if let sentOn = given.investigationSentOn {
            let completedOn = draft.investigation?.completedOn
            if completedOn == nil {
                problems.add(
                    "/ivo/investigationSentOn", .requires(other: "investigation.completedOn"),
                    detail: "the investigation must be completed (investigation.completedOn) before it is sent")
            }
            problems.notBefore(sentOn, "/ivo/investigationSentOn", completedOn, "investigation.completedOn")
            problems.notBefore(sentOn, "/ivo/investigationSentOn", given.reportedOn, "ivo.reportedOn")
            problems.notInFuture(sentOn, "/ivo/investigationSentOn", today: today)
        }
        guard let reportedOn = given.reportedOn, let channel = given.channel else { return nil }
        return LexSarah.Ivo(
            reportedOn: reportedOn, channel: channel, caseNumber: given.caseNumber,
            investigationSentOn: given.investigationSentOn)
    }
}
