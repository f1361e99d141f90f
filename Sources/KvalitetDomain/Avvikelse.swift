/// Kvalitetsavvikelser (AVV): the service did not meet law, regulation or decisions, without threat to anyone.
public enum Avvikelse: RecordKind {
    public typealias Status = AvvikelseStatus
    public static let family = RecordFamily.avvikelse
    public static var workflow: Workflow<Avvikelse> { AvvikelseWorkflow.table }

    public static let fieldTable = FieldTable<Avvikelse>([
        .text("unitId", \.unitId, \.unitId).sv("Enhet"),
        .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
        .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
        .date("receivedOn", \.receivedOn, \.receivedOn).sv("Mottagen"),
        .optionalDate("occurredOn", \.occurredOn, \.occurredOn).sv("Inträffade"),
        .code("category", \.category, \.category).sv("Kategori"),
        .codes("rootCauses", \.rootCauses, \.rootCauses).sv("Orsaker"),
        .code("lagrum", \.lagrum, \.lagrum).sv("Lagrum"),
        .measures("measures", \.measures, \.measures).sv("Åtgärder"),
        .optionalDate("closedOn", \.closedOn, \.closedOn, role: .transitionOnly).sv("Avslutad"),
    ], category: AvvikelseCategory.self, codeLists: [
        CodeListDescription(AvvikelseStatus.self), CodeListDescription(AvvikelseCategory.self),
        CodeListDescription(RootCause.self), CodeListDescription(Lagrum.self),
    ])

    /// A kvalitetsavvikelse's own fields.
    public struct Fields: Codable, Sendable, Equatable {
        public var unitId: String
        public var title: String
        public var description: String
        public var receivedOn: LocalDate
        public var occurredOn: LocalDate?
        public var category: AvvikelseCategory
        public var rootCauses: [RootCause]
        public var lagrum: Lagrum
        public var measures: [Measure]
        public var closedOn: LocalDate?

        public init(unitId: String, title: String, description: String = "", receivedOn: LocalDate,
                    occurredOn: LocalDate? = nil, category: AvvikelseCategory, rootCauses: [RootCause] = [],
                    lagrum: Lagrum = .sol, measures: [Measure] = [], closedOn: LocalDate? = nil) {
            self.unitId = unitId
            self.title = title
            self.description = description
            self.receivedOn = receivedOn
            self.occurredOn = occurredOn
            self.category = category
            self.rootCauses = rootCauses
            self.lagrum = lagrum
            self.measures = measures
            self.closedOn = closedOn
        }
    }

    /// What a client sent; anything may be missing until `validate` says otherwise.
    public struct Draft: RecordDraft, Equatable {
        public var unitId: String?
        public var title: String?
        public var description: String?
        public var receivedOn: LocalDate?
        public var occurredOn: LocalDate?
        public var category: AvvikelseCategory?
        public var rootCauses: [RootCause]?
        public var lagrum: Lagrum?
        public var measures: [MeasureDraft]?
        public var closedOn: LocalDate?

        public init() {}

        public init(_ fields: Fields) {
            unitId = fields.unitId
            title = fields.title
            description = fields.description
            receivedOn = fields.receivedOn
            occurredOn = fields.occurredOn
            category = fields.category
            rootCauses = fields.rootCauses
            lagrum = fields.lagrum
            measures = fields.measures.map(MeasureDraft.init)
            closedOn = fields.closedOn
        }
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        var problems = ProblemList()
        if draft.unitId == nil { problems.add("/unitId", .required) }
        if let title = draft.title {
            TextRules.check(title, pointer: "/title", min: 1, max: TextRules.titleMax, into: &problems)
        } else {
            problems.add("/title", .required)
        }
        if let description = draft.description {
            TextRules.check(description, pointer: "/description", min: 0, max: TextRules.descriptionMax,
                            into: &problems)
        }
        if let receivedOn = draft.receivedOn {
            if receivedOn > today { problems.add("/receivedOn", .inFuture(today: "\(today)")) }
        } else {
            problems.add("/receivedOn", .required)
        }
        if let occurredOn = draft.occurredOn, let receivedOn = draft.receivedOn, occurredOn > receivedOn {
            problems.add("/occurredOn", .after(other: "receivedOn", value: "\(receivedOn)"))
        }
        if draft.category == nil { problems.add("/category", .required) }
        if let causes = draft.rootCauses, Set(causes).count != causes.count {
            problems.add("/rootCauses", .duplicate, detail: "must not name the same cause twice")
        }
        if let closedOn = draft.closedOn {
            if let receivedOn = draft.receivedOn, closedOn < receivedOn {
                problems.add("/closedOn", .before(other: "receivedOn", value: "\(receivedOn)"))
            }
            if closedOn > today { problems.add("/closedOn", .inFuture(today: "\(today)")) }
        }
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        guard problems.isEmpty, let unitId = draft.unitId, let title = draft.title,
              let receivedOn = draft.receivedOn, let category = draft.category else {
            return .failure(.invalid(problems.problems))
        }
        return .success(Fields(
            unitId: unitId, title: title, description: draft.description ?? "", receivedOn: receivedOn,
            occurredOn: draft.occurredOn, category: category, rootCauses: draft.rootCauses ?? [],
            lagrum: draft.lagrum ?? .sol, measures: measures, closedOn: draft.closedOn))
    }

    public static func primaryDate(of fields: Fields) -> LocalDate { fields.receivedOn }
    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { [("/unitId", fields.unitId)] }
    public static func title(of fields: Fields) -> String { fields.title }
    public static func category(of fields: Fields) -> String? { fields.category.rawValue }
}
