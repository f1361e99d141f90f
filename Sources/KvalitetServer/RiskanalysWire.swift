import KvalitetDomain

/// Riskanalyser on the wire (`/api/v1/riskanalyser`); each risk carries its value and level.
enum RiskanalysWire: RecordWire {
    typealias Kind = Riskanalys
    static let path = "riskanalyser"
    static let fieldKeys = ["unitIds", "title", "description", "trigger", "plannedOn", "performedOn", "participants", "documented",
                            "risks", "measures"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures", "participants", "risks/*/description", "risks/*/measures"]
    static var categoryCodes: [String] { RiskTrigger.allCodes }

    static func encode(_ f: Riskanalys.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitIds", .array(f.unitIds.map(JSONValue.string))), ("title", .string(f.title)), ("description", .string(f.description)),
            ("trigger", .string(f.trigger.rawValue)), ("plannedOn", .optional(f.plannedOn)), ("performedOn", .optional(f.performedOn)),
            ("participants", .array(f.participants.map(JSONValue.string))), ("documented", .bool(f.documented)),
            ("risks", .array(f.risks.map { RiskWire.json($0, context) })), ("measures", .array(f.measures.map(\.json))),
        ]
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> Riskanalys.Draft {
        var draft = Riskanalys.Draft()
        draft.unitIds = d.strings(o["unitIds"], at: "/unitIds")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.trigger = d.code(o["trigger"], at: "/trigger", as: RiskTrigger.self)
        draft.plannedOn = d.date(o["plannedOn"], at: "/plannedOn")
        draft.performedOn = d.date(o["performedOn"], at: "/performedOn")
        draft.participants = d.strings(o["participants"], at: "/participants", maxCount: 100)
        draft.documented = d.bool(o["documented"], at: "/documented")
        draft.risks = d.risks(o["risks"], at: "/risks")
        draft.measures = d.measures(o["measures"], at: "/measures")
        return draft
    }
}
