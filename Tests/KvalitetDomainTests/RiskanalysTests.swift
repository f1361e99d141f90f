import KvalitetDomain
import Testing

@Suite("Riskanalyser and the risk matrix")
struct RiskanalysTests {
    func draft() -> Riskanalys.Draft {
        var draft = Riskanalys.Draft()
        draft.unitIds = ["ifo-utr", "vuxen"]
        draft.title = "Nytt journalsystem"
        draft.trigger = .nyttArbetssatt
        draft.plannedOn = date("2025-09-01")
        draft.risks = [RiskDraft(description: "Journaler försvinner vid flytt", probability: 2, consequence: 4)]
        return draft
    }

    @Test func aCompleteAnalysisIsValid() throws {
        let fields = try Riskanalys.validate(draft(), today: today).get()
        #expect(fields.documented == false)
        #expect(fields.risks[0].value == 8)
    }

    @Test func everyMissingFieldIsReportedAtOnce() {
        #expect(Riskanalys.validate(Riskanalys.Draft(), today: today).pointers == ["/unitIds", "/title", "/trigger", "/plannedOn"])
    }

    @Test func anAnalysisNamesAtLeastOneUnit() {
        var draft = draft()
        draft.unitIds = []
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/unitIds"])
    }

    @Test func aUnitIsNamedOnlyOnceAndTheRepeatIsPointedAt() {
        var draft = draft()
        draft.unitIds = ["ifo", "vuxen", "ifo"]
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/unitIds/2"])
    }

    @Test func eachUnitIsReportedUnderItsOwnPointer() throws {
        let fields = try Riskanalys.validate(draft(), today: today).get()
        #expect(Riskanalys.units(of: fields).map(\.pointer) == ["/unitIds/0", "/unitIds/1"])
    }

    @Test func aPlannedAnalysisMayLieAheadButAPerformedOneCannot() {
        var draft = draft()
        draft.plannedOn = date("2026-06-01")
        #expect(Riskanalys.validate(draft, today: today).isValid)
        draft.performedOn = date("2026-01-16")
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/performedOn"])
    }

    @Test func theCaseNumberYearComesFromPerformedOnElsePlannedOn() throws {
        var fields = try Riskanalys.validate(draft(), today: today).get()
        #expect(Riskanalys.primaryDate(of: fields) == date("2025-09-01"))
        fields.performedOn = date("2025-10-02")
        #expect(Riskanalys.primaryDate(of: fields) == date("2025-10-02"))
    }

    @Test func probabilityAndConsequenceAreOneToFour() {
        var draft = draft()
        draft.risks = [RiskDraft(description: "x", probability: 5, consequence: 0)]
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/risks/0/probability", "/risks/0/consequence"])
    }

    @Test func aRiskNeedsADescriptionProbabilityAndConsequence() {
        var draft = draft()
        draft.risks = [RiskDraft()]
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/risks/0/description", "/risks/0/probability", "/risks/0/consequence"])
    }

    @Test func halfAResidualRiskIsRefused() {
        var draft = draft()
        draft.risks = [RiskDraft(description: "x", probability: 3, consequence: 3, residualProbability: 1)]
        #expect(Riskanalys.validate(draft, today: today).pointers == ["/risks/0/residualConsequence"])
    }

    @Test(arguments: [(1, RiskLevel.lag), (3, .lag), (4, .mattlig), (6, .mattlig), (8, .hog), (9, .hog), (12, .mycketHog), (16, .mycketHog)])
    func theStandardLevelsFollowTheConvention(value: Int, level: RiskLevel) {
        #expect(RiskLevels.standard.level(of: value) == level)
    }

    @Test func probabilityAndConsequenceAreKeptNotJustTheirProduct() {
        let a = Risk(description: "a", probability: 1, consequence: 4)
        let b = Risk(description: "b", probability: 4, consequence: 1)
        #expect(a.value == b.value)
        #expect(a != b)
    }

    @Test func theThresholdsAreConfigurable() throws {
        let levels = try RiskLevels.parse("2, 4, 8").get()
        #expect([2, 3, 6, 9].map(levels.level(of:)) == [.lag, .mattlig, .hog, .mycketHog])
    }

    @Test(arguments: ["", "3,6", "3,6,9,12", "6,3,9", "3,3,9", "0,6,9", "3,6,16", "a,b,c"])
    func thresholdsThatCannotReachEveryLevelAreRefused(text: String) {
        #expect(throws: RiskLevelsError.self) { try RiskLevels.parse(text).get() }
    }

    @Test func aPerformedAnalysisNeedsPerformedOnAndARisk() throws {
        var draft = draft()
        draft.risks = []
        let fields = try Riskanalys.validate(draft, today: today).get()
        #expect(conflictPointers { try Riskanalys.workflow.checkTransition(from: .pagaende, to: .genomford, fields: fields) }
                == ["/performedOn", "/risks"])
    }

    @Test func theStepsArePlannedOngoingPerformedFollowedUp() {
        #expect(Riskanalys.workflow.next(from: .planerad) == [.pagaende])
        #expect(Riskanalys.workflow.next(from: .pagaende) == [.genomford])
        #expect(Riskanalys.workflow.next(from: .genomford) == [.uppfoljd])
        #expect(Riskanalys.workflow.next(from: .uppfoljd) == [])
    }

    @Test func aFollowedUpAnalysisKeepsItsRisks() throws {
        var fields = try Riskanalys.validate(draft(), today: today).get()
        fields.performedOn = date("2025-09-02")
        let done = record(fields, status: RiskanalysStatus.uppfoljd) as CaseRecord<Riskanalys>
        fields.risks = []
        #expect(conflictPointers { _ = try Riskanalys.edit(done, to: fields) } == ["/risks"])
    }
}
