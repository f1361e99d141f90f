import Foundation
import KvalitetDomain
import Testing

/// The three deadlines the daily scan watches, each decided by one function, and when it announces them.
@Suite("Deadline rules")
struct DeadlineRulesTests {
    let rules = DeadlineRules()

    func complaint(receivedOn: String) -> Klagomal.Fields {
        Klagomal.Fields(unitId: "ifo-utr", title: "Otrevligt bemötande", receivedOn: date(receivedOn),
                        source: .utomstaende, submitter: .brukare, type: .klagomal, subject: .bemotande)
    }

    func record<Kind: RecordKind>(_: Kind.Type, _ fields: Kind.Fields, _ status: Kind.Status) -> CaseRecord<Kind> {
        CaseRecord(id: CaseNumber(family: Kind.family, year: 2025, sequence: 1), status: status, fields: fields, version: 1, createdAt: Date(), createdBy: "t",
                   updatedAt: Date(), voided: nil)
    }

    func decision(dueOn: String?, sentOn: String? = nil) -> Tillsynsbeslut.Fields {
        Tillsynsbeslut.Fields(unitIds: ["ifo-utr"], title: "IVO", authority: .ivo, caseNumber: "3.5.1-1/2025",
                              decidedOn: date("2025-10-01"), subject: .lexSarah, deficienciesFound: true,
                              accountDueOn: dueOn.map(date), accountSentOn: sentOn.map(date))
    }

    @Test func aComplaintReceivedOnMaundyThursdayIsDueTwoWorkingDaysAfterEasterMonday() {
        // 2025: Långfredagen 18 April, Annandag påsk 21 April; working days 22 and 23 April.
        #expect(KlagomalAcknowledgement.standard.dueOn(complaint(receivedOn: "2025-04-17")) == date("2025-04-23"))
    }

    @Test func aComplaintReceivedTheDayBeforeMidsommaraftonIsDueOnTheTuesdayAfter() {
        // 2025: midsommarafton Friday 20 June is treated like a holiday; Monday 23, Tuesday 24.
        #expect(KlagomalAcknowledgement.standard.dueOn(complaint(receivedOn: "2025-06-19")) == date("2025-06-24"))
    }

    @Test func aComplaintReceivedBeforeChristmasSkipsJulaftonToAnnandagJulAndTheWeekend() {
        // 2025: 23 December is the first working day; 24–28 December are not; 29 December the second.
        #expect(KlagomalAcknowledgement.standard.dueOn(complaint(receivedOn: "2025-12-22")) == date("2025-12-29"))
        let five = KlagomalAcknowledgement(workingDays: 5)!
        // 2026–27: 30 December, then (after nyårsafton, nyårsdagen and a weekend) 4, 5, 7 and 8 January.
        #expect(five.dueOn(complaint(receivedOn: "2026-12-29")) == date("2027-01-08"))
    }

    @Test func anAcknowledgedAnsweredOrClosedComplaintHasNoAcknowledgementDeadline() {
        var fields = complaint(receivedOn: "2025-04-17")
        fields.acknowledgedOn = date("2025-04-22")
        #expect(KlagomalAcknowledgement.standard.dueOn(fields) == nil)
        fields.acknowledgedOn = nil
        fields.respondedOn = date("2025-04-22")
        #expect(KlagomalAcknowledgement.standard.dueOn(fields) == nil)
    }

    @Test func theWorkingDaysOfTheRoutineAreOneToTwenty() {
        #expect(KlagomalAcknowledgement(workingDays: 0) == nil)
        #expect(KlagomalAcknowledgement(workingDays: 21) == nil)
        #expect(KlagomalAcknowledgement(workingDays: 20)?.workingDays == 20)
    }

    @Test func aDeadlineIsApproachingFromTheConfiguredDaysBeforeAndPassedTheDayAfter() {
        let due = date("2025-04-23")
        #expect(rules.notice(dueOn: due, today: date("2025-04-19")) == nil)
        #expect(rules.notice(dueOn: due, today: date("2025-04-20")) == .deadlineApproaching)
        #expect(rules.notice(dueOn: due, today: due) == .deadlineApproaching)
        #expect(rules.notice(dueOn: due, today: date("2025-04-24")) == .deadlinePassed)
    }

    @Test func eachFamilysOpenDeadlineComesFromItsOwnRule() {
        var lexSarah = LexSarah.Fields(unitId: "ifo-utr", title: "t", reportedOn: date("2025-03-02"),
                                       reporterRole: .anstalld, kinds: [.insatsUtfordFelaktigt], rootCauses: [])
        lexSarah.ivo = .init(reportedOn: date("2025-05-10"), channel: .eTjanst)
        #expect(rules.open(record(LexSarah.self, lexSarah, .bedomd))
                == DueDeadline(.ivoUppfoljning, dueOn: date("2025-07-10")))
        #expect(rules.open(record(Klagomal.self, complaint(receivedOn: "2025-04-17"), .inkommen))
                == DueDeadline(.klagomalBekraftelse, dueOn: date("2025-04-23")))
        #expect(rules.open(record(Tillsynsbeslut.self, decision(dueOn: "2025-12-01"), .oppet))
                == DueDeadline(.tillsynRedovisning, dueOn: date("2025-12-01")))
        #expect(rules.open(record(Tillsynsbeslut.self, decision(dueOn: "2025-12-01", sentOn: "2025-11-28"), .oppet))
                == nil)
        var voided = record(Tillsynsbeslut.self, decision(dueOn: "2025-12-01"), .oppet)
        voided.voided = Voiding(on: date("2025-10-02"), reason: "fel", by: "admin")
        #expect(rules.open(voided) == nil)
    }

    @Test func aDecisionsAccountIsOverdueTheDayAfterItsDueDateUntilSent() {
        let open = decision(dueOn: "2025-12-01")
        #expect(TillsynAccount.deadlines(of: open, voided: false, today: date("2025-12-01")).overdue == false)
        #expect(TillsynAccount.deadlines(of: open, voided: false, today: date("2025-12-02"))
                == TillsynsbeslutDeadlines(accountBy: date("2025-12-01"), overdue: true))
        #expect(TillsynAccount.deadlines(of: open, voided: true, today: date("2025-12-02")).overdue == false)
        let sent = decision(dueOn: "2025-12-01", sentOn: "2025-12-03")
        #expect(TillsynAccount.deadlines(of: sent, voided: false, today: date("2025-12-04"))
                == TillsynsbeslutDeadlines(accountBy: nil, overdue: false))
    }

    @Test func theAccountDatesCannotComeBeforeTheDecisionAndSentCannotBeInTheFuture() {
        var draft = Tillsynsbeslut.Draft()
        draft.unitIds = ["ifo-utr"]
        draft.title = "IVO"
        draft.authority = .ivo
        draft.caseNumber = "3.5.1-1/2025"
        draft.decidedOn = date("2025-10-01")
        draft.subject = .lexSarah
        draft.deficienciesFound = true
        draft.accountDueOn = date("2025-09-30")
        draft.accountSentOn = date("2026-01-16")
        #expect(Tillsynsbeslut.validate(draft, today: today).pointers == ["/accountDueOn", "/accountSentOn"])
        draft.accountSentOn = date("2025-09-30")
        guard case .failure(.invalid(let problems)) = Tillsynsbeslut.validate(draft, today: today) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.map(\.rule.code.rawValue) == ["before", "before"])
        draft.accountDueOn = date("2026-03-01")
        draft.accountSentOn = nil
        let fields = try? Tillsynsbeslut.validate(draft, today: today).get()
        #expect(fields?.accountDueOn == date("2026-03-01"))
    }
}
