import KvalitetDomain
import Testing

@Suite("Egenkontroller")
struct EgenkontrollTests {
    func draft() -> Egenkontroll.Draft {
        var draft = Egenkontroll.Draft()
        draft.unitIds = ["ifo"]
        draft.title = "Brukarundersökning 2025"
        draft.area = .enskildasUpplevelser
        draft.method = .brukarundersokning
        draft.periodFrom = date("2025-01-01")
        draft.periodTo = date("2025-06-30")
        draft.plannedOn = date("2025-09-01")
        return draft
    }

    @Test func aCompleteSelfInspectionIsValid() throws {
        let fields = try Egenkontroll.validate(draft(), today: today).get()
        #expect(fields.deficienciesFound == false)
        #expect(Egenkontroll.category(of: fields) == "enskildas_upplevelser")
    }

    @Test func everyMissingFieldIsReportedAtOnce() {
        #expect(Egenkontroll.validate(Egenkontroll.Draft(), today: today).pointers == ["/unitIds", "/title", "/area", "/method", "/plannedOn"])
    }

    @Test func thePeriodCannotEndBeforeItBegins() {
        var draft = draft()
        draft.periodTo = date("2024-12-31")
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/periodTo"])
    }

    @Test func halfAPeriodIsRefused() {
        var draft = draft()
        draft.periodTo = nil
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/periodTo"])
    }

    @Test func aSurveyBelongsOnlyToAUserSurvey() {
        var draft = draft()
        draft.method = .aktgranskning
        draft.survey = SurveyDraft(offered: 10, responses: 5)
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/survey"])
    }

    @Test func moreResponsesThanOfferedIsRefused() {
        var draft = draft()
        draft.survey = SurveyDraft(offered: 4856, responses: 4857)
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/survey/responses"])
    }

    @Test func aSurveyNeedsBothNumbers() {
        var draft = draft()
        draft.survey = SurveyDraft()
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/survey/offered", "/survey/responses"])
    }

    @Test func aUserSurveyWithItsFiguresIsValid() throws {
        var draft = draft()
        draft.survey = SurveyDraft(offered: 4856, responses: 2283)
        #expect(try Egenkontroll.validate(draft, today: today).get().survey == Survey(offered: 4856, responses: 2283))
    }

    @Test func aPerformedSelfInspectionNeedsPerformedOnAndAResult() throws {
        let fields = try Egenkontroll.validate(draft(), today: today).get()
        #expect(conflictPointers { try Egenkontroll.workflow.checkTransition(from: .pagaende, to: .genomford, fields: fields) }
                == ["/performedOn", "/result"])
    }

    @Test func theStepsArePlannedOngoingPerformed() {
        #expect(Egenkontroll.workflow.next(from: .planerad) == [.pagaende])
        #expect(Egenkontroll.workflow.next(from: .pagaende) == [.genomford])
        #expect(Egenkontroll.workflow.next(from: .genomford) == [])
    }

    @Test func anEmptyResultIsRefused() {
        var draft = draft()
        draft.result = ""
        #expect(Egenkontroll.validate(draft, today: today).pointers == ["/result"])
    }
}
