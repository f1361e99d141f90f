import KvalitetDomain
import Testing

@Suite("Tillsynsbeslut")
struct TillsynsbeslutTests {
    func draft() -> Tillsynsbeslut.Draft {
        var draft = Tillsynsbeslut.Draft()
        draft.unitIds = ["ifo-utr"]
        draft.title = "IVO:s tillsyn av utredningar"
        draft.authority = .ivo
        draft.caseNumber = "3.5.1-12345/2025"
        draft.decidedOn = date("2025-10-01")
        draft.subject = .tillsynMyndighetsutovning
        draft.deficienciesFound = true
        return draft
    }

    @Test func aCompleteDecisionIsValid() throws {
        let fields = try Tillsynsbeslut.validate(draft(), today: today).get()
        #expect(Tillsynsbeslut.primaryDate(of: fields) == date("2025-10-01"))
    }

    @Test func everyMissingFieldIsReportedAtOnceIncludingWhetherDeficienciesWereFound() {
        #expect(Tillsynsbeslut.validate(Tillsynsbeslut.Draft(), today: today).pointers
                == ["/unitIds", "/title", "/authority", "/caseNumber", "/decidedOn", "/subject", "/deficienciesFound"])
    }

    @Test func aDecisionCannotBeDatedInTheFuture() {
        var draft = draft()
        draft.decidedOn = date("2026-01-16")
        #expect(Tillsynsbeslut.validate(draft, today: today).pointers == ["/decidedOn"])
    }

    @Test func theAuthoritysCaseNumberIsOneToAHundredCharacters() {
        var draft = draft()
        draft.caseNumber = String(repeating: "1", count: 101)
        #expect(Tillsynsbeslut.validate(draft, today: today).pointers == ["/caseNumber"])
        draft.caseNumber = ""
        #expect(Tillsynsbeslut.validate(draft, today: today).pointers == ["/caseNumber"])
    }

    @Test func aDecisionIsOpenUntilClosedAndThenDone() {
        #expect(Tillsynsbeslut.workflow.initial == .oppet)
        #expect(Tillsynsbeslut.workflow.next(from: .oppet) == [.avslutat])
        #expect(Tillsynsbeslut.workflow.next(from: .avslutat) == [])
    }
}
