/// Who wrote a lex Sarah note (SOSFS 2011:5 wants name and title): a signed-in person's identity
/// says it; with an API token the body must (the fields stay required as before).
public enum NoteAuthorship {
    /// The draft with author name and title taken from `person`. A body naming another author, or
    /// another title than the identity's, is refused (422 at `/authorName`, `/authorTitle`). When the
    /// identity carries no title, the body's title is kept (and required). Without a person the
    /// draft is returned unchanged.
    public static func signed(_ draft: LexSarahNoteDraft, by person: Person?) throws(DomainError) -> LexSarahNoteDraft
    {
        guard let person else { return draft }
        var problems: [FieldProblem] = []
        var signed = draft
        if let name = draft.authorName, name != person.displayName {
            problems.append(
                FieldProblem(
                    "/authorName", .ownName(field: "authorName", value: person.displayName),
                    detail: "a signed-in person writes notes in their own name (\(person.displayName)); "
                        + "leave authorName out"))
        }
        signed.authorName = person.displayName
        if let title = person.title {
            if let given = draft.authorTitle, given != title {
                problems.append(
                    FieldProblem(
                        "/authorTitle", .ownName(field: "authorTitle", value: title),
                        detail: "your title comes from your sign-in (\(title)); leave authorTitle out"))
            }
            signed.authorTitle = title
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return signed
    }
}
