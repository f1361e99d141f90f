import KvalitetDomain

/// Klagomål och synpunkter on the wire (`/api/v1/klagomal`).
enum KlagomalWire: RecordWire {
    typealias Kind = Klagomal
    static let path = "klagomal"
    static let fieldKeys = ["unitId", "title", "description", "receivedOn", "source", "submitter", "type", "subject",
                            "acknowledgedOn", "respondedOn", "measures", "closedOn", "outcome"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures"]
    static var categoryCodes: [String] { KlagomalSubject.allCodes }

    static func encode(_ f: Klagomal.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitId", .string(f.unitId)), ("title", .string(f.title)), ("description", .string(f.description)),
            ("receivedOn", .string(f.receivedOn.description)), ("source", .string(f.source.rawValue)),
            ("submitter", .string(f.submitter.rawValue)), ("type", .string(f.type.rawValue)), ("subject", .string(f.subject.rawValue)),
            ("acknowledgedOn", .optional(f.acknowledgedOn)), ("respondedOn", .optional(f.respondedOn)),
            ("measures", .array(f.measures.map(\.json))), ("closedOn", .optional(f.closedOn)),
            ("outcome", .optional(f.outcome?.rawValue)),
        ]
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> Klagomal.Draft {
        var draft = Klagomal.Draft()
        draft.unitId = d.string(o["unitId"], at: "/unitId")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.receivedOn = d.date(o["receivedOn"], at: "/receivedOn")
        draft.source = d.code(o["source"], at: "/source", as: KlagomalSource.self)
        draft.submitter = d.code(o["submitter"], at: "/submitter", as: KlagomalSubmitter.self)
        draft.type = d.code(o["type"], at: "/type", as: KlagomalType.self)
        draft.subject = d.code(o["subject"], at: "/subject", as: KlagomalSubject.self)
        draft.acknowledgedOn = d.date(o["acknowledgedOn"], at: "/acknowledgedOn")
        draft.respondedOn = d.date(o["respondedOn"], at: "/respondedOn")
        draft.measures = d.measures(o["measures"], at: "/measures")
        draft.closedOn = d.date(o["closedOn"], at: "/closedOn")
        draft.outcome = d.code(o["outcome"], at: "/outcome", as: KlagomalOutcome.self)
        return draft
    }
}
