import KvalitetDomain

/// Kvalitetsavvikelser on the wire (`/api/v1/avvikelser`).
enum AvvikelseWire: RecordWire {
    typealias Kind = Avvikelse
    static let path = "avvikelser"
    static let fieldKeys = ["unitId", "title", "description", "receivedOn", "occurredOn", "category", "rootCauses",
                            "lagrum", "measures", "closedOn"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures"]
    static var categoryCodes: [String] { AvvikelseCategory.allCodes }

    static func encode(_ f: Avvikelse.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitId", .string(f.unitId)), ("title", .string(f.title)), ("description", .string(f.description)),
            ("receivedOn", .string(f.receivedOn.description)), ("occurredOn", .optional(f.occurredOn)),
            ("category", .string(f.category.rawValue)), ("rootCauses", .array(f.rootCauses.map { .string($0.rawValue) })),
            ("lagrum", .string(f.lagrum.rawValue)), ("measures", .array(f.measures.map(\.json))),
            ("closedOn", .optional(f.closedOn)),
        ]
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> Avvikelse.Draft {
        var draft = Avvikelse.Draft()
        draft.unitId = d.string(o["unitId"], at: "/unitId")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.receivedOn = d.date(o["receivedOn"], at: "/receivedOn")
        draft.occurredOn = d.date(o["occurredOn"], at: "/occurredOn")
        draft.category = d.code(o["category"], at: "/category", as: AvvikelseCategory.self)
        draft.rootCauses = d.codes(o["rootCauses"], at: "/rootCauses", as: RootCause.self)
        draft.lagrum = d.code(o["lagrum"], at: "/lagrum", as: Lagrum.self)
        draft.measures = d.measures(o["measures"], at: "/measures")
        draft.closedOn = d.date(o["closedOn"], at: "/closedOn")
        return draft
    }
}
