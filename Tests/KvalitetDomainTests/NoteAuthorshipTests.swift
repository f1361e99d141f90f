import KvalitetDomain
import Testing

@Suite("Who wrote a lex Sarah note")
struct NoteAuthorshipTests {
    let anna = Person(subject: "s-anna", displayName: "Anna Berg", title: "Socialsekreterare")
    let draft = LexSarahNoteDraft(
        documentedOn: LocalDate("2026-01-10"), source: "Samtal", kind: .faktum, text: "Samtal med personal")

    @Test func aSignedInPersonsNoteTakesNameAndTitleFromTheIdentity() throws {
        let signed = try NoteAuthorship.signed(draft, by: anna)
        #expect(signed.authorName == "Anna Berg" && signed.authorTitle == "Socialsekreterare")
    }

    @Test func aBodyNamingSomeoneElseIsRefusedAtBothFields() {
        var other = draft
        other.authorName = "Bo Ek"
        other.authorTitle = "Enhetschef"
        #expect(
            throws: DomainError.invalid([
                FieldProblem(
                    "/authorName", .ownName(field: "authorName", value: "Anna Berg"),
                    detail: "a signed-in person writes notes in their own name (Anna Berg); leave authorName out"),
                FieldProblem(
                    "/authorTitle", .ownName(field: "authorTitle", value: "Socialsekreterare"),
                    detail: "your title comes from your sign-in (Socialsekreterare); leave authorTitle out"),
            ])
        ) { try NoteAuthorship.signed(other, by: anna) }
    }

    @Test func theBodyMayRepeatTheIdentitysOwnNameAndTitle() throws {
        var same = draft
        same.authorName = "Anna Berg"
        same.authorTitle = "Socialsekreterare"
        #expect(try NoteAuthorship.signed(same, by: anna).authorName == "Anna Berg")
    }

    @Test func withoutATitleClaimTheBodysTitleIsKept() throws {
        var withTitle = draft
        withTitle.authorTitle = "Utredare"
        let signed = try NoteAuthorship.signed(withTitle, by: Person(subject: "s-bo", displayName: "Bo Ek"))
        #expect(signed.authorName == "Bo Ek" && signed.authorTitle == "Utredare")
    }

    @Test func withAnApiTokenTheDraftIsUnchanged() throws {
        #expect(try NoteAuthorship.signed(draft, by: nil) == draft)
    }
}
