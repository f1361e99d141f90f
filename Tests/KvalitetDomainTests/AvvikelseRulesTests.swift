import KvalitetDomain
import Testing

@Suite("Kvalitetsavvikelser: validation and workflow")
struct AvvikelseRulesTests {
    let today = LocalDate("2026-01-15")!

    func draft() -> Avvikelse.Draft {
        var draft = Avvikelse.Draft()
        draft.unitId = "ifo"
        draft.title = "Journal saknades"
        draft.receivedOn = LocalDate("2025-03-02")
        draft.category = .dokumentation
        return draft
    }

    func problems(_ draft: Avvikelse.Draft) -> [String] {
        guard case .failure(.invalid(let problems)) = Avvikelse.validate(draft, today: today) else { return [] }
        return problems.map(\.pointer)
    }

    @Test func aCompleteDraftBecomesFieldsWithDefaults() throws {
        let fields = try Avvikelse.validate(draft(), today: today).get()
        #expect(fields.lagrum == .sol)
        #expect(fields.rootCauses.isEmpty && fields.measures.isEmpty && fields.description.isEmpty)
    }

    @Test func everyMissingRequiredFieldIsReported() {
        #expect(problems(Avvikelse.Draft()) == ["/unitId", "/title", "/receivedOn", "/category"])
    }

    @Test func receivedOnMayNotBeInTheFuture() {
        var draft = draft()
        draft.receivedOn = LocalDate("2026-01-16")
        #expect(problems(draft) == ["/receivedOn"])
        draft.receivedOn = today
        #expect(problems(draft).isEmpty)
    }

    @Test func occurredOnMayNotBeAfterReceivedOn() {
        var draft = draft()
        draft.occurredOn = LocalDate("2025-03-03")
        #expect(problems(draft) == ["/occurredOn"])
    }

    @Test func closedOnMayNotBeBeforeReceivedOnNorInTheFuture() {
        var draft = draft()
        draft.closedOn = LocalDate("2025-03-01")
        #expect(problems(draft) == ["/closedOn"])
        draft.closedOn = LocalDate("2026-02-01")
        #expect(problems(draft) == ["/closedOn"])
    }

    @Test func titlesAreOneToTwoHundredCharactersWithoutControlCharacters() {
        var draft = draft()
        draft.title = String(repeating: "å", count: 201)
        #expect(problems(draft) == ["/title"])
        draft.title = "Rad\u{0}Noll"
        #expect(problems(draft) == ["/title"])
        draft.title = String(repeating: "å", count: 200)
        #expect(problems(draft).isEmpty)
    }

    @Test func aRootCauseMayBeNamedOnlyOnce() {
        var draft = draft()
        draft.rootCauses = [.arbetsmiljo, .arbetsmiljo]
        #expect(problems(draft) == ["/rootCauses"])
    }

    @Test func measuresNeedADescriptionAndCannotBeDoneInTheFuture() {
        var draft = draft()
        draft.measures = [MeasureDraft(description: nil), MeasureDraft(description: "Utbildning", doneOn: LocalDate("2027-01-01"))]
        #expect(problems(draft) == ["/measures/0/description", "/measures/1/doneOn"])
    }

    @Test func theWorkflowGoesInkommenUnderUtredningAvslutadOnly() {
        let workflow = Avvikelse.workflow
        #expect(workflow.initial == .inkommen)
        #expect(workflow.next(from: .inkommen) == [.underUtredning])
        #expect(workflow.next(from: .underUtredning) == [.avslutad])
        #expect(workflow.next(from: .avslutad).isEmpty)
    }

    @Test func anIllegalStepIsAConflictNamingTheAllowedSteps() throws {
        let fields = try Avvikelse.validate(draft(), today: today).get()
        #expect(throws: DomainError.conflict(rule: "AVV: no step from inkommen to avslutad (allowed: under_utredning)")) {
            try Avvikelse.workflow.checkTransition(from: .inkommen, to: .avslutad, fields: fields)
        }
    }

    @Test func closingNeedsClosedOnAndARootCause() throws {
        var fields = try Avvikelse.validate(draft(), today: today).get()
        do {
            try Avvikelse.workflow.checkTransition(from: .underUtredning, to: .avslutad, fields: fields)
            Issue.record("closing without closedOn and root cause must be refused")
        } catch .conflict(_, let problems) {
            #expect(problems.map(\.pointer) == ["/closedOn", "/rootCauses"])
        } catch {
            Issue.record("unexpected \(error)")
        }
        fields.closedOn = LocalDate("2025-04-01")
        fields.rootCauses = [.rutinEjFoljd]
        try Avvikelse.workflow.checkTransition(from: .underUtredning, to: .avslutad, fields: fields)
    }

    @Test func whatClosingRequiredMustKeepHoldingWhileClosed() throws {
        var fields = try Avvikelse.validate(draft(), today: today).get()
        fields.closedOn = LocalDate("2025-04-01")
        #expect(throws: DomainError.self) { try Avvikelse.workflow.checkStaying(in: .avslutad, fields: fields) }
        try Avvikelse.workflow.checkStaying(in: .underUtredning, fields: fields)
    }
}
