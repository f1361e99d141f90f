import KvalitetDomain

/// Lex Sarah reports on the wire (`/api/v1/lex-sarah`); notes are appended through `LexSarahNoteRoutes`.
enum LexSarahWire: RecordWire {
    typealias Kind = LexSarah
    static let path = "lex-sarah"
    static let fieldKeys = ["unitId", "title", "description", "reportedOn", "reporterRole", "occurredOn", "category", "rootCauses",
                            "immediateMeasures", "investigation", "notes", "committeeDecidedOn", "ivo", "measures", "closedOn"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures", "notes", "immediateMeasures/description",
                                            "investigation/investigator", "investigation/motivation"]
    static var categoryCodes: [String] { AvvikelseCategory.allCodes }
    static let serverManagedKeys: Set<String> = ["notes"]
    static let computedKeys: Set<String> = ["deadlines"]
    static let csvColumns = [
        "unitId", "title", "description", "reportedOn", "reporterRole", "occurredOn", "category", "rootCauses",
        "immediateMeasures/description", "immediateMeasures/takenOn", "investigation/investigator", "investigation/startedOn",
        "investigation/completedOn", "investigation/assessment", "investigation/motivation", "notes", "committeeDecidedOn",
        "ivo/reportedOn", "ivo/channel", "ivo/caseNumber", "ivo/investigationSentOn", "measures", "closedOn",
        "deadlines/investigationToIvoBy", "deadlines/overdue",
    ]
    static let investigationKeys: Set<String> = ["investigator", "startedOn", "completedOn", "assessment", "motivation"]
    static let ivoKeys: Set<String> = ["reportedOn", "channel", "caseNumber", "investigationSentOn"]

    static func encode(_ f: LexSarah.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitId", .string(f.unitId)), ("title", .string(f.title)), ("description", .string(f.description)),
            ("reportedOn", .string(f.reportedOn.description)), ("reporterRole", .string(f.reporterRole.rawValue)),
            ("occurredOn", .optional(f.occurredOn)), ("category", .string(f.category.rawValue)),
            ("rootCauses", .array(f.rootCauses.map { .string($0.rawValue) })),
            ("immediateMeasures", f.immediateMeasures.map { measures in
                .object(JSONObject([("description", .string(measures.description)), ("takenOn", .string(measures.takenOn.description))]))
            } ?? .null),
            ("investigation", f.investigation.map { i in
                .object(JSONObject([
                    ("investigator", .optional(i.investigator)), ("startedOn", .optional(i.startedOn)),
                    ("completedOn", .optional(i.completedOn)), ("assessment", .optional(i.assessment?.rawValue)),
                    ("motivation", .optional(i.motivation)),
                ]))
            } ?? .null),
            ("notes", .array(f.notes.map(noteJSON))), ("committeeDecidedOn", .optional(f.committeeDecidedOn)),
            ("ivo", f.ivo.map { ivo in
                .object(JSONObject([
                    ("reportedOn", .string(ivo.reportedOn.description)), ("channel", .string(ivo.channel.rawValue)),
                    ("caseNumber", .optional(ivo.caseNumber)), ("investigationSentOn", .optional(ivo.investigationSentOn)),
                ]))
            } ?? .null),
            ("measures", .array(f.measures.map(\.json))), ("closedOn", .optional(f.closedOn)),
        ]
    }

    static func noteJSON(_ note: LexSarahNote) -> JSONValue {
        .object(JSONObject([
            ("number", .int(note.number)), ("documentedOn", .string(note.documentedOn.description)), ("source", .string(note.source)),
            ("kind", .string(note.kind.rawValue)), ("authorName", .string(note.authorName)), ("authorTitle", .string(note.authorTitle)),
            ("text", .string(note.text)), ("addedAt", .string(Timestamp.format(note.addedAt))), ("addedBy", .string(note.addedBy)),
        ]))
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> LexSarah.Draft {
        var draft = LexSarah.Draft()
        draft.unitId = d.string(o["unitId"], at: "/unitId")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.reportedOn = d.date(o["reportedOn"], at: "/reportedOn")
        draft.reporterRole = d.code(o["reporterRole"], at: "/reporterRole", as: ReporterRole.self)
        draft.occurredOn = d.date(o["occurredOn"], at: "/occurredOn")
        draft.category = d.code(o["category"], at: "/category", as: AvvikelseCategory.self)
        draft.rootCauses = d.codes(o["rootCauses"], at: "/rootCauses", as: RootCause.self)
        if let m = d.nested(o["immediateMeasures"], at: "/immediateMeasures", allowed: ["description", "takenOn"]) {
            draft.immediateMeasures = LexSarah.ImmediateMeasuresDraft(
                description: d.string(m["description"], at: "/immediateMeasures/description"),
                takenOn: d.date(m["takenOn"], at: "/immediateMeasures/takenOn"))
        }
        if let i = d.nested(o["investigation"], at: "/investigation", allowed: investigationKeys) {
            draft.investigation = LexSarah.Investigation(
                investigator: d.string(i["investigator"], at: "/investigation/investigator"),
                startedOn: d.date(i["startedOn"], at: "/investigation/startedOn"),
                completedOn: d.date(i["completedOn"], at: "/investigation/completedOn"),
                assessment: d.code(i["assessment"], at: "/investigation/assessment", as: LexSarahAssessment.self),
                motivation: d.string(i["motivation"], at: "/investigation/motivation"))
        }
        draft.committeeDecidedOn = d.date(o["committeeDecidedOn"], at: "/committeeDecidedOn")
        if let ivo = d.nested(o["ivo"], at: "/ivo", allowed: ivoKeys) {
            draft.ivo = LexSarah.IvoDraft(
                reportedOn: d.date(ivo["reportedOn"], at: "/ivo/reportedOn"),
                channel: d.code(ivo["channel"], at: "/ivo/channel", as: IvoChannel.self),
                caseNumber: d.string(ivo["caseNumber"], at: "/ivo/caseNumber"),
                investigationSentOn: d.date(ivo["investigationSentOn"], at: "/ivo/investigationSentOn"))
        }
        draft.measures = d.measures(o["measures"], at: "/measures")
        draft.closedOn = d.date(o["closedOn"], at: "/closedOn")
        return draft
    }

    static func decodeNote(_ o: JSONObject, _ d: inout WireDecoder) -> LexSarahNoteDraft {
        d.checkKeys(o, allowed: ["documentedOn", "source", "kind", "authorName", "authorTitle", "text"],
                    readOnly: ["number", "addedAt", "addedBy"])
        return LexSarahNoteDraft(
            documentedOn: d.date(o["documentedOn"], at: "/documentedOn"), source: d.string(o["source"], at: "/source"),
            kind: d.code(o["kind"], at: "/kind", as: NoteKind.self), authorName: d.string(o["authorName"], at: "/authorName"),
            authorTitle: d.string(o["authorTitle"], at: "/authorTitle"), text: d.string(o["text"], at: "/text"))
    }

    static func computed(_ record: CaseRecord<LexSarah>, _ context: WireContext) -> [(String, JSONValue)] {
        let deadlines = LexSarah.deadlines(of: record.fields, voided: record.voided != nil, today: context.today)
        return [("deadlines", .object(JSONObject([
            ("investigationToIvoBy", .optional(deadlines.investigationToIvoBy)), ("overdue", .bool(deadlines.overdue)),
        ])))]
    }
}
