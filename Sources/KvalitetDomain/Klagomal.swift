/// Klagomål och synpunkter (KLG): complaints, suggestions and praise, from outside or from staff.
public enum Klagomal: RecordKind {
    public typealias Status = KlagomalStatus
    public static let family = RecordFamily.klagomal
    public static var workflow: Workflow<Klagomal> { KlagomalWorkflow.table }

    public static let fieldTable = FieldTable<Klagomal>(
        [
            .text("unitId", \.unitId, \.unitId).sv("Enhet"),
            .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
            .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
            .date("receivedOn", \.receivedOn, \.receivedOn).sv("Mottaget"),
            .code("source", \.source, \.source).sv("Källa"),
            .code("submitter", \.submitter, \.submitter).sv("Inlämnare"),
            .code("type", \.type, \.type).sv("Typ"),
            .code("subject", \.subject, \.subject).sv("Ämne"),
            .optionalDate("acknowledgedOn", \.acknowledgedOn, \.acknowledgedOn).sv("Bekräftat"),
            .optionalDate("respondedOn", \.respondedOn, \.respondedOn).sv("Besvarat"),
            .measures("measures", \.measures, \.measures).sv("Åtgärder"),
            .optionalDate("closedOn", \.closedOn, \.closedOn, role: .transitionOnly).sv("Avslutat"),
            .optionalCode("outcome", \.outcome, \.outcome, role: .transitionOnly).sv("Utfall"),
        ], category: KlagomalSubject.self,
        codeLists: [
            CodeListDescription(KlagomalStatus.self), CodeListDescription(KlagomalSource.self),
            CodeListDescription(KlagomalSubmitter.self), CodeListDescription(KlagomalType.self),
            CodeListDescription(KlagomalSubject.self), CodeListDescription(KlagomalOutcome.self),
        ])

    /// A complaint's own fields.
    public struct Fields: Codable, Sendable, Equatable {
        public var unitId: String
        public var title: String
        public var description: String
        public var receivedOn: LocalDate
        public var source: KlagomalSource
        public var submitter: KlagomalSubmitter
        public var type: KlagomalType
        public var subject: KlagomalSubject
        public var acknowledgedOn: LocalDate?
        public var respondedOn: LocalDate?
        public var measures: [Measure]
        public var closedOn: LocalDate?
        public var outcome: KlagomalOutcome?

        public init(
            unitId: String, title: String, description: String = "", receivedOn: LocalDate,
            source: KlagomalSource, submitter: KlagomalSubmitter, type: KlagomalType, subject: KlagomalSubject,
            acknowledgedOn: LocalDate? = nil, respondedOn: LocalDate? = nil, measures: [Measure] = [],
            closedOn: LocalDate? = nil, outcome: KlagomalOutcome? = nil
        ) {
            self.unitId = unitId
            self.title = title
            self.description = description
            self.receivedOn = receivedOn
            self.source = source
            self.submitter = submitter
            self.type = type
            self.subject = subject
            self.acknowledgedOn = acknowledgedOn
            self.respondedOn = respondedOn
            self.measures = measures
            self.closedOn = closedOn
            self.outcome = outcome
        }
    }

    /// What a client sent; anything may be missing until `validate` says otherwise.
    public struct Draft: RecordDraft, Equatable {
        public var unitId: String?
        public var title: String?
        public var description: String?
        public var receivedOn: LocalDate?
        public var source: KlagomalSource?
        public var submitter: KlagomalSubmitter?
        public var type: KlagomalType?
        public var subject: KlagomalSubject?
        public var acknowledgedOn: LocalDate?
        public var respondedOn: LocalDate?
        public var measures: [MeasureDraft]?
        public var closedOn: LocalDate?
        public var outcome: KlagomalOutcome?

        public init() {}
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        var problems = ProblemList()
        problems.require(draft.unitId, "/unitId")
        problems.title(draft.title)
        problems.text(draft.description, "/description")
        problems.require(draft.receivedOn, "/receivedOn")
        problems.notInFuture(draft.receivedOn, "/receivedOn", today: today)
        problems.require(draft.source, "/source")
        problems.require(draft.submitter, "/submitter")
        problems.require(draft.type, "/type")
        problems.require(draft.subject, "/subject")
        // Staff are the only submitters of staff complaints, and only staff complaints come from staff:
        // the yearly report splits the two by source, so a mismatch would count it in the wrong column.
        if let source = draft.source, let submitter = draft.submitter, (source == .personal) != (submitter == .personal)
        {
            problems.add(
                "/submitter", .submitterMismatch(source: source.rawValue))
        }
        for (date, pointer) in [
            (draft.acknowledgedOn, "/acknowledgedOn"), (draft.respondedOn, "/respondedOn"),
            (draft.closedOn, "/closedOn"),
        ] {
            problems.notBefore(date, pointer, draft.receivedOn, "receivedOn")
            problems.notInFuture(date, pointer, today: today)
        }
        if draft.respondedOn != nil, draft.submitter == .anonym {
            problems.add("/respondedOn", .cannotBeAnswered)
        }
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        guard problems.isEmpty, let unitId = draft.unitId, let title = draft.title, let receivedOn = draft.receivedOn,
            let source = draft.source, let submitter = draft.submitter, let type = draft.type,
            let subject = draft.subject
        else { return .failure(.invalid(problems.problems)) }
        return .success(
            Fields(
                unitId: unitId, title: title, description: draft.description ?? "", receivedOn: receivedOn,
                source: source,
                submitter: submitter, type: type, subject: subject, acknowledgedOn: draft.acknowledgedOn,
                respondedOn: draft.respondedOn, measures: measures, closedOn: draft.closedOn, outcome: draft.outcome))
    }

    public static func primaryDate(of fields: Fields) -> LocalDate { fields.receivedOn }
    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { [("/unitId", fields.unitId)] }
    public static func title(of fields: Fields) -> String { fields.title }
    /// Complaints are analysed by what they concern.
    public static func category(of fields: Fields) -> String? { fields.subject.rawValue }
}
