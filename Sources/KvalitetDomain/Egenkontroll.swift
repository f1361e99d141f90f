/// Egenkontroller (EGK): systematic follow-up that the service meets its requirements.
public enum Egenkontroll: RecordKind {
    public typealias Status = EgenkontrollStatus
    public static let family = RecordFamily.egenkontroll

    public static var workflow: Workflow<Egenkontroll> { EgenkontrollWorkflow.table }

    /// Surveys larger than this are typing mistakes (Malmö's largest offered 4 856).
    public static let maxSurveySize = 10_000_000

    public static let fieldTable = FieldTable<Egenkontroll>(
        [
            .texts("unitIds", \.unitIds, \.unitIds).sv("Enheter"),
            .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
            .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
            .code("area", \.area, \.area).sv("Område"),
            .code("method", \.method, \.method).sv("Metod"),
            .optionalDate("periodFrom", \.periodFrom, \.periodFrom).sv("Period från"),
            .optionalDate("periodTo", \.periodTo, \.periodTo).sv("Period till"),
            .optionalDate("plannedOn", \.plannedOn, \.plannedOn).sv("Planerad"),
            .optionalDate("performedOn", \.performedOn, \.performedOn).sv("Genomförd"),
            .bool("documented", \.documented, \.documented).sv("Dokumenterad"),
            .optionalText("result", \.result, \.result, freeText: true).sv("Resultat"),
            .bool("deficienciesFound", \.deficienciesFound, \.deficienciesFound).sv("Brister funna"),
            .init(
                "survey", csv: ["offered", "responses"],
                read: { draft, input in
                    guard let survey = input.object(allowed: ["offered", "responses"]) else { return }
                    let range = 0...maxSurveySize
                    draft.survey = SurveyDraft(
                        offered: survey.member("offered").int(range: range),
                        responses: survey.member("responses").int(range: range))
                },
                show: { fields, _ in
                    fields.survey.map { .members([("offered", .int($0.offered)), ("responses", .int($0.responses))]) }
                        ?? .null
                }
            ).sv("Tillfrågade i undersökningen", "Svar i undersökningen"),
            .measures("measures", \.measures, \.measures).sv("Åtgärder"),
        ], category: EgenkontrollArea.self,
        codeLists: [
            CodeListDescription(EgenkontrollStatus.self), CodeListDescription(EgenkontrollArea.self),
            CodeListDescription(EgenkontrollMethod.self),
        ])

    /// A self-inspection's own fields.
    public struct Fields: Codable, Sendable, Equatable {
        public var unitIds: [String]
        public var title: String
        public var description: String
        public var area: EgenkontrollArea
        public var method: EgenkontrollMethod
        public var periodFrom: LocalDate?
        public var periodTo: LocalDate?
        public var plannedOn: LocalDate?
        public var performedOn: LocalDate?
        public var documented: Bool
        public var result: String?
        public var deficienciesFound: Bool
        public var survey: Survey?
        public var measures: [Measure]

        public init(
            unitIds: [String], title: String, description: String = "", area: EgenkontrollArea,
            method: EgenkontrollMethod,
            periodFrom: LocalDate? = nil, periodTo: LocalDate? = nil, plannedOn: LocalDate? = nil,
            performedOn: LocalDate? = nil,
            documented: Bool = false, result: String? = nil, deficienciesFound: Bool = false, survey: Survey? = nil,
            measures: [Measure] = []
        ) {
            self.unitIds = unitIds
            self.title = title
            self.description = description
            self.area = area
            self.method = method
            self.periodFrom = periodFrom
            self.periodTo = periodTo
            self.plannedOn = plannedOn
            self.performedOn = performedOn
            self.documented = documented
            self.result = result
            self.deficienciesFound = deficienciesFound
            self.survey = survey
            self.measures = measures
        }
    }

    /// What a client sent; anything may be missing until `validate` says otherwise.
    public struct Draft: RecordDraft, Equatable {
        public var unitIds: [String]?
        public var title: String?
        public var description: String?
        public var area: EgenkontrollArea?
        public var method: EgenkontrollMethod?
        public var periodFrom: LocalDate?
        public var periodTo: LocalDate?
        public var plannedOn: LocalDate?
        public var performedOn: LocalDate?
        public var documented: Bool?
        public var result: String?
        public var deficienciesFound: Bool?
        public var survey: SurveyDraft?
        public var measures: [MeasureDraft]?

        public init() {}
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        var problems = ProblemList()
        problems.unitIds(draft.unitIds)
        problems.title(draft.title)
        problems.text(draft.description, "/description")
        problems.require(draft.area, "/area")
        problems.require(draft.method, "/method")
        // A period is a range: half of one cannot be followed up.
        if (draft.periodFrom == nil) != (draft.periodTo == nil) {
            problems.add(
                draft.periodFrom == nil ? "/periodFrom" : "/periodTo",
                .requiredWith(other: draft.periodFrom == nil ? "periodTo" : "periodFrom"),
                detail: "is required when the other end of the period is given")
        }
        problems.notBefore(draft.periodTo, "/periodTo", draft.periodFrom, "periodFrom")
        if draft.plannedOn == nil, draft.performedOn == nil {
            problems.add(
                "/plannedOn", .requiredOneOf(fields: ["plannedOn", "performedOn"]),
                detail: "plannedOn or performedOn is required")
        }
        problems.notInFuture(draft.performedOn, "/performedOn", today: today)
        problems.text(draft.result, "/result", min: 1)
        let survey = survey(draft, into: &problems)
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        guard problems.isEmpty, let unitIds = draft.unitIds, let title = draft.title, let area = draft.area,
            let method = draft.method
        else { return .failure(.invalid(problems.problems)) }
        return .success(
            Fields(
                unitIds: unitIds, title: title, description: draft.description ?? "", area: area, method: method,
                periodFrom: draft.periodFrom, periodTo: draft.periodTo, plannedOn: draft.plannedOn,
                performedOn: draft.performedOn,
                documented: draft.documented ?? false, result: draft.result,
                deficienciesFound: draft.deficienciesFound ?? false,
                survey: survey, measures: measures))
    }

    private static func survey(_ draft: Draft, into problems: inout ProblemList) -> Survey? {
        guard let given = draft.survey else { return nil }
        // The yearly response rate sums user surveys only; figures on another method would distort it.
        if let method = draft.method, method != .brukarundersokning {
            problems.add("/survey", .onlyForMethod(method: "brukarundersokning", actual: method.rawValue))
        }
        let range = 0...maxSurveySize
        if let offered = problems.require(given.offered, "/survey/offered"), !range.contains(offered) {
            problems.add("/survey/offered", .outOfRange(minimum: 0, maximum: maxSurveySize))
        }
        if let responses = problems.require(given.responses, "/survey/responses") {
            if !range.contains(responses) {
                problems.add("/survey/responses", .outOfRange(minimum: 0, maximum: maxSurveySize))
            }
            if let offered = given.offered, responses > offered {
                problems.add("/survey/responses", .exceeds(other: "offered", value: "\(offered)"))
            }
        }
        guard let offered = given.offered, let responses = given.responses else { return nil }
        return Survey(offered: offered, responses: responses)
    }

    public static func primaryDate(of fields: Fields) -> LocalDate {
        fields.performedOn ?? fields.plannedOn ?? LocalDate(year: 1970, month: 1, day: 1)!
    }

    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { unitPointers(fields.unitIds) }
    public static func title(of fields: Fields) -> String { fields.title }
    public static func category(of fields: Fields) -> String? { fields.area.rawValue }
}
