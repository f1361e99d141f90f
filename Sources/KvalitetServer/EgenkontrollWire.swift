import KvalitetDomain

/// Egenkontroller on the wire (`/api/v1/egenkontroller`).
enum EgenkontrollWire: RecordWire {
    typealias Kind = Egenkontroll
    static let path = "egenkontroller"
    static let fieldKeys = ["unitIds", "title", "description", "area", "method", "periodFrom", "periodTo", "plannedOn", "performedOn",
                            "documented", "result", "deficienciesFound", "survey", "measures"]
    static let freeTextKeys: Set<String> = ["title", "description", "measures", "result"]
    static var categoryCodes: [String] { EgenkontrollArea.allCodes }
    static let csvColumns = ["unitIds", "title", "description", "area", "method", "periodFrom", "periodTo", "plannedOn", "performedOn",
                             "documented", "result", "deficienciesFound", "survey/offered", "survey/responses", "measures"]

    static func encode(_ f: Egenkontroll.Fields, _ context: WireContext) -> [(String, JSONValue)] {
        [
            ("unitIds", .array(f.unitIds.map(JSONValue.string))), ("title", .string(f.title)), ("description", .string(f.description)),
            ("area", .string(f.area.rawValue)), ("method", .string(f.method.rawValue)), ("periodFrom", .optional(f.periodFrom)),
            ("periodTo", .optional(f.periodTo)), ("plannedOn", .optional(f.plannedOn)), ("performedOn", .optional(f.performedOn)),
            ("documented", .bool(f.documented)), ("result", .optional(f.result)), ("deficienciesFound", .bool(f.deficienciesFound)),
            ("survey", f.survey.map { .object(JSONObject([("offered", .int($0.offered)), ("responses", .int($0.responses))])) } ?? .null),
            ("measures", .array(f.measures.map(\.json))),
        ]
    }

    static func decode(_ o: JSONObject, _ d: inout WireDecoder) -> Egenkontroll.Draft {
        var draft = Egenkontroll.Draft()
        draft.unitIds = d.strings(o["unitIds"], at: "/unitIds")
        draft.title = d.string(o["title"], at: "/title")
        draft.description = d.string(o["description"], at: "/description")
        draft.area = d.code(o["area"], at: "/area", as: EgenkontrollArea.self)
        draft.method = d.code(o["method"], at: "/method", as: EgenkontrollMethod.self)
        draft.periodFrom = d.date(o["periodFrom"], at: "/periodFrom")
        draft.periodTo = d.date(o["periodTo"], at: "/periodTo")
        draft.plannedOn = d.date(o["plannedOn"], at: "/plannedOn")
        draft.performedOn = d.date(o["performedOn"], at: "/performedOn")
        draft.documented = d.bool(o["documented"], at: "/documented")
        draft.result = d.string(o["result"], at: "/result")
        draft.deficienciesFound = d.bool(o["deficienciesFound"], at: "/deficienciesFound")
        if let survey = d.nested(o["survey"], at: "/survey", allowed: ["offered", "responses"]) {
            let range = 0...Egenkontroll.maxSurveySize
            draft.survey = SurveyDraft(offered: d.int(survey["offered"], at: "/survey/offered", range: range),
                                       responses: d.int(survey["responses"], at: "/survey/responses", range: range))
        }
        draft.measures = d.measures(o["measures"], at: "/measures")
        return draft
    }
}
