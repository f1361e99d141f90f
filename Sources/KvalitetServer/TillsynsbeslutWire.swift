import KvalitetDomain

/// Tillsynsbeslut on the wire (`/api/v1/tillsynsbeslut`).
enum TillsynsbeslutWire: RecordWire {
    typealias Kind = Tillsynsbeslut
    static let path = "tillsynsbeslut"
    static let fieldKeys = ["unitIds", "title", "description", "authority", "caseNumber", "decidedOn", "subject", "deficienciesFound",
                            "summary", "measures"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures", "summary"]
    static var categoryCodes: [String] { TillsynSubject.allCodes }

    static func encode(_ f: Tillsynsbeslut.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitIds", .array(f.unitIds.map(JSONValue.string))), ("title", .string(f.title)), ("description", .string(f.description)),
            ("authority", .string(f.authority.rawValue)), ("caseNumber", .string(f.caseNumber)), ("decidedOn", .string(f.decidedOn.description)),
            ("subject", .string(f.subject.rawValue)), ("deficienciesFound", .bool(f.deficienciesFound)), ("summary", .string(f.summary)),
            ("measures", .array(f.measures.map(\.json))),
        ]
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> Tillsynsbeslut.Draft {
        var draft = Tillsynsbeslut.Draft()
        draft.unitIds = d.strings(o["unitIds"], at: "/unitIds")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.authority = d.code(o["authority"], at: "/authority", as: TillsynAuthority.self)
        draft.caseNumber = d.string(o["caseNumber"], at: "/caseNumber")
        draft.decidedOn = d.date(o["decidedOn"], at: "/decidedOn")
        draft.subject = d.code(o["subject"], at: "/subject", as: TillsynSubject.self)
        draft.deficienciesFound = d.bool(o["deficienciesFound"], at: "/deficienciesFound")
        draft.summary = d.string(o["summary"], at: "/summary")
        draft.measures = d.measures(o["measures"], at: "/measures")
        return draft
    }
}
