/// Why a risk analysis is made.
public enum RiskTrigger: String, Code {
    case forandringOrganisation = "forandring_organisation", nyttArbetssatt = "nytt_arbetssatt", personalforandring,
        avvikelser, egenkontroll, namndbeslut, ovrigt
    public static let listName = "riskanalysAnledning"
    public var label: String {
        switch self {
        case .forandringOrganisation: "Förändring i organisationen"
        case .nyttArbetssatt: "Nytt arbetssätt"
        case .personalforandring: "Personalförändring"
        case .avvikelser: "Avvikelser"
        case .egenkontroll: "Egenkontroll"
        case .namndbeslut: "Nämndbeslut"
        case .ovrigt: "Övrigt"
        }
    }
}

/// Where a risk analysis is: planerad → pagaende → genomford → uppfoljd.
public enum RiskanalysStatus: String, Code {
    case planerad, pagaende, genomford, uppfoljd
    public static let listName = "riskanalysStatus"
    public var label: String {
        switch self {
        case .planerad: "Planerad"
        case .pagaende: "Pågående"
        case .genomford: "Genomförd"
        case .uppfoljd: "Uppföljd"
        }
    }
}

/// Riskanalyser (RSK): risks assessed before a change, in the 4×4 matrix.
public enum Riskanalys: RecordKind {
    public typealias Status = RiskanalysStatus
    public static let family = RecordFamily.riskanalys

    public static var workflow: Workflow<Riskanalys> { RiskanalysWorkflow.table }

    public static let fieldTable = FieldTable<Riskanalys>(
        [
            .texts("unitIds", \.unitIds, \.unitIds).sv("Enheter"),
            .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
            .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
            .code("trigger", \.trigger, \.trigger).sv("Anledning"),
            .optionalDate("plannedOn", \.plannedOn, \.plannedOn).sv("Planerad"),
            .optionalDate("performedOn", \.performedOn, \.performedOn).sv("Genomförd"),
            .texts("participants", \.participants, \.participants, freeText: true).sv("Deltagare"),
            .bool("documented", \.documented, \.documented).sv("Dokumenterad"),
            .init(
                "risks", freeText: ["*/description", "*/measures"], read: { $0.risks = RiskDraft.read($1) },
                show: { fields, context in .list(fields.risks.map { $0.fieldValue(context) }) }
            ).sv("Risker"),
            .measures("measures", \.measures, \.measures).sv("Åtgärder"),
        ], category: RiskTrigger.self,
        codeLists: [
            CodeListDescription(RiskanalysStatus.self), CodeListDescription(RiskTrigger.self),
            CodeListDescription(RiskLevel.self),
        ])

    /// A risk analysis's own fields.
    public struct Fields: Codable, Sendable, Equatable {
        public var unitIds: [String]
        public var title: String
        public var description: String
        public var trigger: RiskTrigger
        public var plannedOn: LocalDate?
        public var performedOn: LocalDate?
        public var participants: [String]
        public var documented: Bool
        public var risks: [Risk]
        public var measures: [Measure]

        public init(
            unitIds: [String], title: String, description: String = "", trigger: RiskTrigger,
            plannedOn: LocalDate? = nil,
            performedOn: LocalDate? = nil, participants: [String] = [], documented: Bool = false, risks: [Risk] = [],
            measures: [Measure] = []
        ) {
            self.unitIds = unitIds
            self.title = title
            self.description = description
            self.trigger = trigger
            self.plannedOn = plannedOn
            self.performedOn = performedOn
            self.participants = participants
            self.documented = documented
            self.risks = risks
            self.measures = measures
        }
    }

    /// What a client sent; anything may be missing until `validate` says otherwise.
    public struct Draft: RecordDraft, Equatable {
        public var unitIds: [String]?
        public var title: String?
        public var description: String?
        public var trigger: RiskTrigger?
        public var plannedOn: LocalDate?
        public var performedOn: LocalDate?
        public var participants: [String]?
        public var documented: Bool?
        public var risks: [RiskDraft]?
        public var measures: [MeasureDraft]?

        public init() {}
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        var problems = ProblemList()
        problems.unitIds(draft.unitIds)
        problems.title(draft.title)
        problems.text(draft.description, "/description")
        problems.require(draft.trigger, "/trigger")
        // The primary date (case number year, units open) is performedOn, or plannedOn until then.
        if draft.plannedOn == nil, draft.performedOn == nil {
            problems.add(
                "/plannedOn", .requiredOneOf(fields: ["plannedOn", "performedOn"]),
                detail: "plannedOn or performedOn is required")
        }
        problems.notInFuture(draft.performedOn, "/performedOn", today: today)
        if let participants = draft.participants {
            if participants.count > 100 {
                problems.add("/participants", .tooMany(maxItems: 100), detail: "at most 100 participants")
            }
            for (index, name) in participants.enumerated() {
                TextRules.check(
                    name, pointer: "/participants/\(index)", min: 1, max: TextRules.nameMax,
                    into: &problems)
            }
        }
        let risks = RiskDraft.validate(draft.risks ?? [], today: today, into: &problems)
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        guard problems.isEmpty, let unitIds = draft.unitIds, let title = draft.title, let trigger = draft.trigger
        else { return .failure(.invalid(problems.problems)) }
        return .success(
            Fields(
                unitIds: unitIds, title: title, description: draft.description ?? "", trigger: trigger,
                plannedOn: draft.plannedOn,
                performedOn: draft.performedOn, participants: draft.participants ?? [],
                documented: draft.documented ?? false,
                risks: risks, measures: measures))
    }

    public static func primaryDate(of fields: Fields) -> LocalDate {
        // validate guarantees one of the two.
        fields.performedOn ?? fields.plannedOn ?? LocalDate(year: 1970, month: 1, day: 1)!
    }

    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { unitPointers(fields.unitIds) }
    public static func title(of fields: Fields) -> String { fields.title }
    public static func category(of fields: Fields) -> String? { fields.trigger.rawValue }
}
