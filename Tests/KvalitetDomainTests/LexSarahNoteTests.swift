import Foundation
import KvalitetDomain
import Testing

@Suite("Lex Sarah: notes and deadlines")
struct LexSarahNoteTests {
    let at = Date(timeIntervalSince1970: 1_760_000_000)

    func note(_ text: String = "Enhetschefen bekräftar att två var i tjänst") -> LexSarahNoteDraft {
        LexSarahNoteDraft(documentedOn: date("2025-03-04"), source: "Intervju med enhetschef", kind: .faktum,
                          authorName: "Eva Ek", authorTitle: "Utredare", text: text)
    }

    func fields() throws -> LexSarah.Fields { try LexSarah.validate(lexSarahDraft(), today: today).get() }

    @Test func appendedNotesAreNumberedInOrderAndKeepWhoAddedThem() throws {
        let once = try LexSarah.appending(note("första"), to: try fields(), at: at, by: "anna", today: today)
        let twice = try LexSarah.appending(note("andra"), to: once, at: at, by: "bo", today: today)
        #expect(twice.notes.map(\.number) == [1, 2])
        #expect(twice.notes.map(\.text) == ["första", "andra"])
        #expect(twice.notes.map(\.addedBy) == ["anna", "bo"])
        #expect(twice.notes[0] == once.notes[0])
    }

    @Test func aNoteNeedsEveryField() throws {
        #expect(throws: DomainError.invalid([
            FieldProblem("/documentedOn", .required), FieldProblem("/source", .required),
            FieldProblem("/authorName", .required), FieldProblem("/authorTitle", .required),
            FieldProblem("/text", .required), FieldProblem("/kind", .required),
        ])) { try LexSarah.appending(LexSarahNoteDraft(), to: try fields(), at: at, by: "anna", today: today) }
    }

    @Test func aNoteCannotBeDocumentedBeforeTheReportOrInTheFuture() throws {
        var early = note()
        early.documentedOn = date("2025-03-01")
        var late = note()
        late.documentedOn = date("2026-01-16")
        for draft in [early, late] {
            #expect(throws: DomainError.self) { try LexSarah.appending(draft, to: try fields(), at: at, by: "anna", today: today) }
        }
    }

    @Test func changingAnExistingNoteIsRefused() throws {
        let current = try LexSarah.appending(note(), to: try fields(), at: at, by: "anna", today: today)
        var changed = current
        changed.notes[0].text = "Något annat"
        #expect(conflictPointers { try LexSarah.checkChange(from: current, to: changed) } == ["/notes"])
    }

    @Test func removingANoteIsRefused() throws {
        let current = try LexSarah.appending(note(), to: try fields(), at: at, by: "anna", today: today)
        var removed = current
        removed.notes = []
        #expect(conflictPointers { try LexSarah.checkChange(from: current, to: removed) } == ["/notes"])
    }

    @Test func appendingIsTheOneChangeNotesAllow() throws {
        let current = try LexSarah.appending(note(), to: try fields(), at: at, by: "anna", today: today)
        let next = try LexSarah.appending(note("mer"), to: current, at: at, by: "anna", today: today)
        #expect(conflictPointers { try LexSarah.checkChange(from: current, to: next) } == nil)
    }

    @Test func anEditKeepsTheNotesItCannotCarry() throws {
        let current = record(try LexSarah.appending(note(), to: try fields(), at: at, by: "anna", today: today),
                             status: LexSarahStatus.rapporterad) as CaseRecord<LexSarah>
        var edited = try fields()
        edited.title = "Ny rubrik"
        let next = try LexSarah.edit(current, to: edited)
        #expect(next.fields.notes == current.fields.notes)
        #expect(next.fields.title == "Ny rubrik")
    }

    func withIvo(_ reportedOn: String, sentOn: String? = nil) throws -> LexSarah.Fields {
        var fields = try fields()
        fields.ivo = .init(reportedOn: date(reportedOn), channel: .eTjanst, investigationSentOn: sentOn.map(date))
        return fields
    }

    @Test func theInvestigationIsDueAtIvoTwoMonthsAfterTheReport() throws {
        let deadlines = LexSarah.deadlines(of: try withIvo("2025-03-05"), today: date("2025-04-01"))
        #expect(deadlines == LexSarahDeadlines(investigationToIvoBy: date("2025-05-05"), overdue: false))
    }

    @Test func theDeadlineFallsOnTheLastDayOfAShorterMonth() throws {
        #expect(LexSarah.deadlines(of: try withIvo("2025-12-31"), today: today).investigationToIvoBy == date("2026-02-28"))
    }

    @Test func sendingOnTheLastDayIsInTimeAndTheDayAfterIsOverdue() throws {
        let fields = try withIvo("2025-03-05")
        #expect(LexSarah.deadlines(of: fields, today: date("2025-05-05")).overdue == false)
        #expect(LexSarah.deadlines(of: fields, today: date("2025-05-06")).overdue == true)
    }

    @Test func aSentInvestigationHasNoDeadline() throws {
        var fields = try withIvo("2025-03-05")
        fields.investigation = .init(completedOn: date("2025-04-01"))
        fields.ivo?.investigationSentOn = date("2025-04-02")
        #expect(LexSarah.deadlines(of: fields, today: today) == LexSarahDeadlines(investigationToIvoBy: nil, overdue: false))
    }

    @Test func aReportWithoutAnIvoReportHasNoDeadline() throws {
        #expect(LexSarah.deadlines(of: try fields(), today: today) == LexSarahDeadlines(investigationToIvoBy: nil, overdue: false))
    }

    @Test func aVoidedReportIsNeverOverdue() throws {
        #expect(LexSarah.deadlines(of: try withIvo("2025-03-05"), voided: true, today: today).overdue == false)
    }
}
