import Foundation

/// One piece of the investigation's documentation: when, from where, fact or assessment, and who
/// wrote it (name and title), as SOSFS 2011:5 requires. Once appended it never changes.
public struct LexSarahNote: Codable, Sendable, Equatable {
    /// 1, 2, 3 … in the order they were appended.
    public var number: Int
    public var documentedOn: LocalDate
    public var source: String
    public var kind: NoteKind
    public var authorName: String
    public var authorTitle: String
    public var text: String
    public var addedAt: Date
    public var addedBy: String

    public init(
        number: Int, documentedOn: LocalDate, source: String, kind: NoteKind, authorName: String,
        authorTitle: String, text: String, addedAt: Date, addedBy: String
    ) {
        self.number = number
        self.documentedOn = documentedOn
        self.source = source
        self.kind = kind
        self.authorName = authorName
        self.authorTitle = authorTitle
        self.text = text
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// A note as the client sent it: every field is required.
public struct LexSarahNoteDraft: Sendable, Equatable {
    public var documentedOn: LocalDate?
    public var source: String?
    public var kind: NoteKind?
    public var authorName: String?
    public var authorTitle: String?
    public var text: String?

    public init(
        documentedOn: LocalDate? = nil, source: String? = nil, kind: NoteKind? = nil, authorName: String? = nil,
        authorTitle: String? = nil, text: String? = nil
    ) {
        self.documentedOn = documentedOn
        self.source = source
        self.kind = kind
        self.authorName = authorName
        self.authorTitle = authorTitle
        self.text = text
    }
}

extension LexSarah {
    /// A report holds at most this many notes; a longer investigation is a sign of misuse.
    public static let maxNotes = 500

    /// Appends a validated note; the record's existing notes are left exactly as they were.
    public static func appending(
        _ draft: LexSarahNoteDraft, to fields: Fields, at addedAt: Date, by addedBy: String,
        today: LocalDate
    ) throws(DomainError) -> Fields {
        var problems = ProblemList()
        problems.require(draft.documentedOn, "/documentedOn")
        problems.notBefore(draft.documentedOn, "/documentedOn", fields.reportedOn, "the report's reportedOn")
        problems.notInFuture(draft.documentedOn, "/documentedOn", today: today)
        for (text, pointer, max) in [
            (draft.source, "/source", TextRules.nameMax), (draft.authorName, "/authorName", TextRules.nameMax),
            (draft.authorTitle, "/authorTitle", TextRules.nameMax), (draft.text, "/text", TextRules.descriptionMax),
        ] {
            if let text = problems.require(text, pointer) {
                TextRules.check(text, pointer: pointer, min: 1, max: max, into: &problems)
            }
        }
        problems.require(draft.kind, "/kind")
        try problems.throwIfAny()
        guard fields.notes.count < maxNotes else {
            throw DomainError.conflict(rule: "a lex Sarah report holds at most \(maxNotes) notes")
        }
        guard let documentedOn = draft.documentedOn, let source = draft.source, let kind = draft.kind,
            let authorName = draft.authorName, let authorTitle = draft.authorTitle, let text = draft.text
        else { throw DomainError.invalid(problems.problems) }
        var next = fields
        next.notes.append(
            LexSarahNote(
                number: fields.notes.count + 1, documentedOn: documentedOn, source: source, kind: kind,
                authorName: authorName, authorTitle: authorTitle, text: text, addedAt: addedAt, addedBy: addedBy))
        return next
    }
}
