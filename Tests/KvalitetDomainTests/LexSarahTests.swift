import KvalitetDomain
import Testing

/// A valid lex Sarah draft reported on 2025-03-02, for the domain tests to vary.
func lexSarahDraft() -> LexSarah.Draft {
    var draft = LexSarah.Draft()
    draft.unitId = "ifo-utr"
    draft.title = "Placerat barn lämnat utan tillsyn"
    draft.reportedOn = date("2025-03-02")
    draft.reporterRole = .anstalld
    draft.occurredOn = date("2025-03-01")
    draft.kinds = [.insatsUtfordFelaktigt]
    return draft
}

@Suite("Lex Sarah: validation")
struct LexSarahTests {
    @Test func aCompleteReportIsValid() throws {
        let fields = try LexSarah.validate(lexSarahDraft(), today: today).get()
        #expect(LexSarah.primaryDate(of: fields) == date("2025-03-02"))
        #expect(fields.notes.isEmpty)
    }

    @Test func everyMissingFieldIsReportedAtOnce() {
        #expect(LexSarah.validate(LexSarah.Draft(), today: today).pointers == ["/unitId", "/title", "/reportedOn", "/reporterRole", "/kinds"])
    }

    @Test func aReportCannotBeMadeInTheFuture() {
        var draft = lexSarahDraft()
        draft.reportedOn = date("2026-01-16")
        #expect(LexSarah.validate(draft, today: today).pointers == ["/reportedOn"])
    }

    @Test func whatHappenedCannotHappenAfterItWasReported() {
        var draft = lexSarahDraft()
        draft.occurredOn = date("2025-03-03")
        #expect(LexSarah.validate(draft, today: today).pointers == ["/occurredOn"])
    }

    @Test func immediateMeasuresNeedADescriptionAndADate() {
        var draft = lexSarahDraft()
        draft.immediateMeasures = .init()
        #expect(LexSarah.validate(draft, today: today).pointers == ["/immediateMeasures/description", "/immediateMeasures/takenOn"])
    }

    @Test func immediateMeasuresCannotPrecedeWhatHappened() {
        var draft = lexSarahDraft()
        draft.immediateMeasures = .init(description: "Extra personal insatt", takenOn: date("2025-02-28"))
        #expect(LexSarah.validate(draft, today: today).pointers == ["/immediateMeasures/takenOn"])
    }

    @Test func theInvestigationCannotStartBeforeTheReportNorEndBeforeItStarts() {
        var draft = lexSarahDraft()
        draft.investigation = .init(startedOn: date("2025-03-01"), completedOn: date("2025-02-28"))
        #expect(LexSarah.validate(draft, today: today).pointers == ["/investigation/startedOn", "/investigation/completedOn", "/investigation/completedOn"])
    }

    @Test func anInvestigationCannotBeCompletedInTheFuture() {
        var draft = lexSarahDraft()
        draft.investigation = .init(startedOn: date("2025-03-03"), completedOn: date("2026-02-01"))
        #expect(LexSarah.validate(draft, today: today).pointers == ["/investigation/completedOn"])
    }

    @Test func anIvoReportIsRefusedForANonSeriousAssessment() {
        var draft = lexSarahDraft()
        draft.investigation = .init(assessment: .missforhallande)
        draft.ivo = .init(reportedOn: date("2025-03-05"), channel: .eTjanst)
        #expect(LexSarah.validate(draft, today: today).pointers == ["/ivo/reportedOn"])
    }

    @Test func anIvoReportMayPrecedeTheAssessment() {
        var draft = lexSarahDraft()
        draft.ivo = .init(reportedOn: date("2025-03-05"), channel: .eTjanst)
        #expect(LexSarah.validate(draft, today: today).isValid)
    }

    @Test func anIvoReportIsAcceptedForASeriousAssessment() {
        var draft = lexSarahDraft()
        draft.investigation = .init(assessment: .patagligRiskForAllvarligtMissforhallande)
        draft.ivo = .init(reportedOn: date("2025-03-05"), channel: .post, caseNumber: "3.5.1-12345/2025")
        #expect(LexSarah.validate(draft, today: today).isValid)
    }

    @Test func anIvoReportNeedsItsDateAndChannel() {
        var draft = lexSarahDraft()
        draft.ivo = .init()
        #expect(LexSarah.validate(draft, today: today).pointers == ["/ivo/reportedOn", "/ivo/channel"])
    }

    @Test func anIvoReportCannotPrecedeTheLexSarahReport() {
        var draft = lexSarahDraft()
        draft.ivo = .init(reportedOn: date("2025-03-01"), channel: .post)
        #expect(LexSarah.validate(draft, today: today).pointers == ["/ivo/reportedOn"])
    }

    @Test func theInvestigationIsSentToIvoOnlyOnceCompleted() {
        var draft = lexSarahDraft()
        draft.investigation = .init(startedOn: date("2025-03-03"))
        draft.ivo = .init(reportedOn: date("2025-03-05"), channel: .post, investigationSentOn: date("2025-04-01"))
        #expect(LexSarah.validate(draft, today: today).pointers == ["/ivo/investigationSentOn"])
    }

    @Test func theInvestigationCannotBeSentBeforeItWasCompleted() {
        var draft = lexSarahDraft()
        draft.investigation = .init(startedOn: date("2025-03-03"), completedOn: date("2025-04-10"))
        draft.ivo = .init(reportedOn: date("2025-03-05"), channel: .post, investigationSentOn: date("2025-04-01"))
        #expect(LexSarah.validate(draft, today: today).pointers == ["/ivo/investigationSentOn"])
    }

    @Test func theCommitteeCannotDecideBeforeTheInvestigationIsCompleted() {
        var draft = lexSarahDraft()
        draft.investigation = .init(completedOn: date("2025-04-10"))
        draft.committeeDecidedOn = date("2025-04-01")
        #expect(LexSarah.validate(draft, today: today).pointers == ["/committeeDecidedOn"])
    }

    @Test func aRootCauseIsNamedOnlyOnce() {
        var draft = lexSarahDraft()
        draft.rootCauses = [.arbetsmiljo, .arbetsmiljo]
        #expect(LexSarah.validate(draft, today: today).pointers == ["/rootCauses"])
    }

    @Test func onlyTheLastTwoAssessmentsAreSerious() {
        #expect(LexSarahAssessment.allCases.filter(\.isSerious) == [.patagligRiskForAllvarligtMissforhallande, .allvarligtMissforhallande])
    }
}
