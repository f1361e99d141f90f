import KvalitetDomain
import Testing

@Suite("Klagomål och synpunkter")
struct KlagomalTests {
    func draft() -> Klagomal.Draft {
        var draft = Klagomal.Draft()
        draft.unitId = "ifo"
        draft.title = "Fick inget svar på mejl"
        draft.receivedOn = date("2025-03-02")
        draft.source = .utomstaende
        draft.submitter = .narstaende
        draft.type = .klagomal
        draft.subject = .bemotande
        return draft
    }

    func fields() throws -> Klagomal.Fields { try Klagomal.validate(draft(), today: today).get() }

    @Test func aCompleteComplaintIsValid() throws {
        let fields = try fields()
        #expect(fields.subject == .bemotande)
        #expect(Klagomal.primaryDate(of: fields) == date("2025-03-02"))
    }

    @Test func everyMissingFieldIsReportedAtOnce() {
        let result = Klagomal.validate(Klagomal.Draft(), today: today)
        #expect(result.pointers == ["/unitId", "/title", "/receivedOn", "/source", "/submitter", "/type", "/subject"])
    }

    @Test func aComplaintCannotBeReceivedInTheFuture() {
        var draft = draft()
        draft.receivedOn = date("2026-01-16")
        #expect(Klagomal.validate(draft, today: today).pointers == ["/receivedOn"])
    }

    @Test func anAnonymousSubmitterCannotBeAnswered() {
        var draft = draft()
        draft.submitter = .anonym
        draft.respondedOn = date("2025-03-10")
        #expect(Klagomal.validate(draft, today: today).pointers == ["/respondedOn"])
    }

    @Test func aNamedSubmitterCanBeAnswered() {
        var draft = draft()
        draft.acknowledgedOn = date("2025-03-03")
        draft.respondedOn = date("2025-03-10")
        #expect(Klagomal.validate(draft, today: today).isValid)
    }

    @Test func acknowledgingRespondingAndClosingBeforeReceivingAreRefused() {
        var draft = draft()
        draft.acknowledgedOn = date("2025-03-01")
        draft.respondedOn = date("2025-02-01")
        draft.closedOn = date("2025-01-01")
        #expect(Klagomal.validate(draft, today: today).pointers == ["/acknowledgedOn", "/respondedOn", "/closedOn"])
    }

    @Test func answeringInTheFutureIsRefused() {
        var draft = draft()
        draft.respondedOn = date("2026-02-01")
        #expect(Klagomal.validate(draft, today: today).pointers == ["/respondedOn"])
    }

    @Test func aStaffComplaintMustComeFromStaff() {
        var draft = draft()
        draft.source = .personal
        #expect(Klagomal.validate(draft, today: today).pointers == ["/submitter"])
    }

    @Test func staffCannotSubmitAnOutsideComplaint() {
        var draft = draft()
        draft.submitter = .personal
        #expect(Klagomal.validate(draft, today: today).pointers == ["/submitter"])
    }

    @Test func closingNeedsClosedOnAndOutcome() throws {
        let fields = try fields()
        let pointers = conflictPointers { try Klagomal.workflow.checkTransition(from: .underUtredning, to: .avslutad, fields: fields) }
        #expect(pointers == ["/closedOn", "/outcome"])
    }

    @Test func aComplaintWithClosedOnAndOutcomeCanBeClosed() throws {
        var fields = try fields()
        fields.closedOn = date("2025-04-01")
        fields.outcome = .ingenAvvikelse
        let next = try Klagomal.transition(record(fields, status: .underUtredning), to: .avslutad, with: fields, today: today)
        #expect(next.status == .avslutad)
    }

    @Test func aComplaintIsInvestigatedBeforeItIsClosed() throws {
        var fields = try fields()
        fields.closedOn = date("2025-04-01")
        fields.outcome = .avvikelseKonstaterad
        #expect(conflictPointers { try Klagomal.workflow.checkTransition(from: .inkommen, to: .avslutad, fields: fields) } == [])
    }

    @Test func complaintsAreFilteredByCategoryOnTheirSubject() throws {
        #expect(Klagomal.category(of: try fields()) == "bemotande")
    }
}
