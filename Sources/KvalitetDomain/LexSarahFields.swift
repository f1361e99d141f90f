/// How the nested parts of a lex Sarah report are read from a body and shown.
extension LexSarah.ImmediateMeasuresDraft {
    static func read(_ input: any FieldInput) -> Self? {
        guard let given = input.object(allowed: ["description", "takenOn"]) else { return nil }
        return Self(description: given.member("description").string(), takenOn: given.member("takenOn").date())
    }
}

extension LexSarah.Investigation {
    static let keys = ["investigator", "startedOn", "completedOn", "assessment", "motivation"]

    static func read(_ input: any FieldInput) -> Self? {
        guard let given = input.object(allowed: Set(keys)) else { return nil }
        return Self(investigator: given.member("investigator").string(), startedOn: given.member("startedOn").date(),
                    completedOn: given.member("completedOn").date(),
                    assessment: given.member("assessment").code(LexSarahAssessment.self),
                    motivation: given.member("motivation").string())
    }
}

extension LexSarah.Ivo {
    static let keys = ["reportedOn", "channel", "caseNumber", "investigationSentOn"]
}

extension LexSarah.IvoDraft {
    static func read(_ input: any FieldInput) -> Self? {
        guard let given = input.object(allowed: Set(LexSarah.Ivo.keys)) else { return nil }
        return Self(reportedOn: given.member("reportedOn").date(),
                    channel: given.member("channel").code(IvoChannel.self),
                    caseNumber: given.member("caseNumber").string(),
                    investigationSentOn: given.member("investigationSentOn").date())
    }
}

extension FieldValue {
    static func immediateMeasures(_ f: LexSarah.Fields) -> FieldValue {
        f.immediateMeasures.map { measures in
            .members([("description", .string(measures.description)), ("takenOn", .date(measures.takenOn))])
        }
            ?? .null
    }

    static func investigation(_ f: LexSarah.Fields) -> FieldValue {
        f.investigation.map { i in
            .members([("investigator", .text(i.investigator)), ("startedOn", .date(i.startedOn)),
                      ("completedOn", .date(i.completedOn)), ("assessment", .code(i.assessment)),
                      ("motivation", .text(i.motivation))])
        } ?? .null
    }

    static func ivo(_ f: LexSarah.Fields) -> FieldValue {
        f.ivo.map { ivo in
            .members([("reportedOn", .date(ivo.reportedOn)), ("channel", .code(ivo.channel)),
                      ("caseNumber", .text(ivo.caseNumber)), ("investigationSentOn", .date(ivo.investigationSentOn))])
        } ?? .null
    }
}

extension LexSarahNote {
    /// The members a note body may carry, and those only the service sets.
    public static let inputKeys: Set<String> = ["documentedOn", "source", "kind", "authorName", "authorTitle", "text"]
    public static let serviceKeys: Set<String> = ["number", "addedAt", "addedBy"]

    /// A note as shown.
    public var fieldValue: FieldValue {
        .members([("number", .int(number)), ("documentedOn", .date(documentedOn)), ("source", .string(source)),
                  ("kind", .code(kind)), ("authorName", .string(authorName)), ("authorTitle", .string(authorTitle)),
                  ("text", .string(text)), ("addedAt", .string(Timestamp.format(addedAt))), ("addedBy",
                      .string(addedBy))])
    }

    /// A note as a client sent it.
    public static func draft(from body: any FieldInput) -> LexSarahNoteDraft {
        LexSarahNoteDraft(documentedOn: body.member("documentedOn").date(), source: body.member("source").string(),
                          kind: body.member("kind").code(NoteKind.self),
                          authorName: body.member("authorName").string(),
                          authorTitle: body.member("authorTitle").string(), text: body.member("text").string())
    }
}
