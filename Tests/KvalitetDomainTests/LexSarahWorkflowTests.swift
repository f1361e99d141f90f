import KvalitetDomain
import Testing

@Suite("Lex Sarah: workflow")
struct LexSarahWorkflowTests {
    func fields(_ assessment: LexSarahAssessment? = nil) throws -> LexSarah.Fields {
        var draft = lexSarahDraft()
        draft.investigation = .init(investigator: "Eva Ek", startedOn: date("2025-03-03"), completedOn: date("2025-04-10"),
                                    assessment: assessment, motivation: assessment == nil ? nil : "Rutinen följdes inte")
        return try LexSarah.validate(draft, today: today).get()
    }

    /// The closing step as the routes take it (closedOn defaults to today).
    func closing(_ fields: LexSarah.Fields) throws -> CaseRecord<LexSarah> {
        try LexSarah.transition(record(fields, status: LexSarahStatus.bedomd), to: .avslutad, with: fields, today: today)
    }

    @Test func theStepsAreReportedInvestigatedAssessedClosed() {
        let table = LexSarah.workflow
        #expect(table.initial == .rapporterad)
        #expect(table.next(from: .rapporterad) == [.underUtredning])
        #expect(table.next(from: .underUtredning) == [.bedomd])
        #expect(table.next(from: .bedomd) == [.avslutad])
        #expect(table.next(from: .avslutad) == [])
    }

    @Test func aReportCannotBeAssessedWithoutBeingInvestigated() throws {
        let fields = try fields(.missforhallande)
        #expect(conflictPointers { try LexSarah.workflow.checkTransition(from: .rapporterad, to: .bedomd, fields: fields) } == [])
    }

    @Test func anAssessedReportNeedsAssessmentMotivationAndCompletedOn() throws {
        var draft = lexSarahDraft()
        draft.investigation = .init(startedOn: date("2025-03-03"))
        let fields = try LexSarah.validate(draft, today: today).get()
        let pointers = conflictPointers { try LexSarah.workflow.checkTransition(from: .underUtredning, to: .bedomd, fields: fields) }
        #expect(pointers == ["/investigation/assessment", "/investigation/motivation", "/investigation/completedOn"])
    }

    @Test func aReportWithAllThreeCanBeAssessed() throws {
        let fields = try fields(.missforhallande)
        #expect(conflictPointers { try LexSarah.workflow.checkTransition(from: .underUtredning, to: .bedomd, fields: fields) } == nil)
    }

    @Test func closingNeedsTheCommitteeForEveryAssessmentButEjMissforhallande() throws {
        for assessment in LexSarahAssessment.allCases where assessment != .ejMissforhallande {
            var fields = try fields(assessment)
            if assessment.isSerious { fields.ivo = .init(reportedOn: date("2025-03-05"), channel: .eTjanst) }
            let pointers = conflictPointers { _ = try closing(fields) }
            #expect(pointers == ["/committeeDecidedOn"], "\(assessment)")
        }
    }

    @Test func aReportAssessedAsEjMissforhallandeClosesWithoutTheCommittee() throws {
        let fields = try fields(.ejMissforhallande)
        #expect(conflictPointers { _ = try closing(fields) } == nil)
    }

    @Test func closingASeriousReportNeedsTheIvoReport() throws {
        var fields = try fields(.allvarligtMissforhallande)
        fields.committeeDecidedOn = date("2025-05-01")
        #expect(conflictPointers { _ = try closing(fields) } == ["/ivo/reportedOn"])
        fields.ivo = .init(reportedOn: date("2025-03-05"), channel: .eTjanst)
        #expect(conflictPointers { _ = try closing(fields) } == nil)
    }

    @Test func aClosedReportCannotLoseItsAssessmentByAnEdit() throws {
        var fields = try fields(.ejMissforhallande)
        fields.closedOn = date("2025-04-30")
        let closed = record(fields, status: LexSarahStatus.avslutad) as CaseRecord<LexSarah>
        var edited = closed.fields
        edited.investigation?.assessment = nil
        #expect(conflictPointers { _ = try LexSarah.edit(closed, to: edited) } == ["/investigation/assessment"])
    }

    @Test func closingWithoutADateClosesToday() throws {
        let assessed = record(try fields(.ejMissforhallande), status: LexSarahStatus.bedomd) as CaseRecord<LexSarah>
        let closed = try LexSarah.transition(assessed, to: .avslutad, with: assessed.fields, today: today)
        #expect(closed.fields.closedOn == today)
    }

    @Test func closingKeepsTheDateItWasGiven() throws {
        let assessed = record(try fields(.ejMissforhallande), status: LexSarahStatus.bedomd) as CaseRecord<LexSarah>
        var given = assessed.fields
        given.closedOn = date("2025-04-30")
        #expect(try LexSarah.transition(assessed, to: .avslutad, with: given, today: today).fields.closedOn == date("2025-04-30"))
    }

    @Test func aReportCannotBeClosedBeforeItsInvestigationOrCommitteeDecision() {
        var draft = lexSarahDraft()
        draft.investigation = .init(completedOn: date("2025-04-10"))
        draft.committeeDecidedOn = date("2025-05-02")
        draft.closedOn = date("2025-04-01")
        #expect(LexSarah.validate(draft, today: today).pointers == ["/closedOn", "/closedOn"])
    }
}
