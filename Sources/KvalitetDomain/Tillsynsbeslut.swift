/// The supervisory authority that decided.
public enum TillsynAuthority: String, Code {
    case ivo, jo, jk
    public static let listName = "tillsynsmyndighet"
    public var label: String {
        switch self {
        case .ivo: "Inspektionen för vård och omsorg (IVO)"
        case .jo: "Justitieombudsmannen (JO)"
        case .jk: "Justitiekanslern (JK)"
        }
    }
}

/// What a supervisory decision concerns.
public enum TillsynSubject: String, Code {
    case tillsynMyndighetsutovning = "tillsyn_myndighetsutovning", tillsynHvbStodboende = "tillsyn_hvb_stodboende",
        lexSarah = "lex_sarah", ejVerkstalldaBeslut = "ej_verkstallda_beslut", klagomal, ovrigt
    public static let listName = "tillsynsbeslutAmne"
    public var label: String {
        switch self {
        case .tillsynMyndighetsutovning: "Tillsyn av myndighetsutövning"
        case .tillsynHvbStodboende: "Tillsyn av HVB och stödboende"
        case .lexSarah: "Lex Sarah"
        case .ejVerkstalldaBeslut: "Ej verkställda beslut"
        case .klagomal: "Klagomål"
        case .ovrigt: "Övrigt"
        }
    }
}

/// Whether the service still has to act on a decision: oppet → avslutat.
public enum TillsynsbeslutStatus: String, Code {
    case oppet, avslutat
    public static let listName = "tillsynsbeslutStatus"
    public var label: String {
        switch self {
        case .oppet: "Öppet"
        case .avslutat: "Avslutat"
        }
    }
}

/// Tillsynsbeslut (TSB): a decision of IVO, JO or JK in one of their cases (*ärenden*).
public enum Tillsynsbeslut: RecordKind {
    public typealias Status = TillsynsbeslutStatus
    public static let family = RecordFamily.tillsynsbeslut
    public static var workflow: Workflow<Tillsynsbeslut> { TillsynsbeslutWorkflow.table }

    public static let fieldTable = FieldTable<Tillsynsbeslut>(
        [
            .texts("unitIds", \.unitIds, \.unitIds).sv("Enheter"),
            .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
            .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
            .code("authority", \.authority, \.authority).sv("Myndighet"),
            .text("caseNumber", \.caseNumber, \.caseNumber).sv("Diarienummer"),
            .date("decidedOn", \.decidedOn, \.decidedOn).sv("Beslutsdatum"),
            .code("subject", \.subject, \.subject).sv("Ämne"),
            .bool("deficienciesFound", \.deficienciesFound, \.deficienciesFound).sv("Brister funna"),
            .text("summary", \.summary, \.summary, freeText: true).sv("Sammanfattning"),
            .measures("measures", \.measures, \.measures).sv("Åtgärder"),
            .optionalDate("accountDueOn", \.accountDueOn, \.accountDueOn).sv("Redovisning senast"),
            .optionalDate("accountSentOn", \.accountSentOn, \.accountSentOn).sv("Redovisning skickad"),
        ],
        computed: [
            ComputedField(
                "deadlines", csv: ["accountBy", "overdue"],
                sv: ["Redovisning till myndigheten senast", "Redovisning försenad"]
            ) { record, context in
                let account = TillsynAccount.deadlines(of: record.fields, voided: record.voided != nil,
                                                       today: context.today)
                return .members([("accountBy", .date(account.accountBy)), ("overdue", .bool(account.overdue))])
            }
        ], category: TillsynSubject.self,
        codeLists: [
            CodeListDescription(TillsynsbeslutStatus.self), CodeListDescription(TillsynAuthority.self),
            CodeListDescription(TillsynSubject.self),
        ])

    /// A decision's own fields.
    public struct Fields: Codable, Sendable, Equatable {
        public var unitIds: [String]
        public var title: String
        public var description: String
        public var authority: TillsynAuthority
        public var caseNumber: String
        public var decidedOn: LocalDate
        public var subject: TillsynSubject
        public var deficienciesFound: Bool
        public var summary: String
        public var measures: [Measure]
        /// The date by which the authority wants an account of the measures taken (*redovisning*).
        public var accountDueOn: LocalDate?
        /// The date the account was sent to the authority.
        public var accountSentOn: LocalDate?

        public init(
            unitIds: [String], title: String, description: String = "", authority: TillsynAuthority,
            caseNumber: String,
            decidedOn: LocalDate, subject: TillsynSubject, deficienciesFound: Bool, summary: String = "",
            measures: [Measure] = [], accountDueOn: LocalDate? = nil, accountSentOn: LocalDate? = nil
        ) {
            self.unitIds = unitIds
            self.title = title
            self.description = description
            self.authority = authority
            self.caseNumber = caseNumber
            self.decidedOn = decidedOn
            self.subject = subject
            self.deficienciesFound = deficienciesFound
            self.summary = summary
            self.measures = measures
            self.accountDueOn = accountDueOn
            self.accountSentOn = accountSentOn
        }
    }

    /// What a client sent; anything may be missing until `validate` says otherwise.
    public struct Draft: RecordDraft, Equatable {
        public var unitIds: [String]?
        public var title: String?
        public var description: String?
        public var authority: TillsynAuthority?
        public var caseNumber: String?
        public var decidedOn: LocalDate?
        public var subject: TillsynSubject?
        public var deficienciesFound: Bool?
        public var summary: String?
        public var measures: [MeasureDraft]?
        public var accountDueOn: LocalDate?
        public var accountSentOn: LocalDate?

        public init() {}
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        var problems = ProblemList()
        problems.unitIds(draft.unitIds)
        problems.title(draft.title)
        problems.text(draft.description, "/description")
        problems.require(draft.authority, "/authority")
        if let caseNumber = problems.require(draft.caseNumber, "/caseNumber") {
            TextRules.check(caseNumber, pointer: "/caseNumber", min: 1, max: 100, into: &problems)
        }
        problems.require(draft.decidedOn, "/decidedOn")
        problems.notInFuture(draft.decidedOn, "/decidedOn", today: today)
        problems.require(draft.subject, "/subject")
        // With or without deficiencies is what the yearly report counts; it must be said, never assumed.
        problems.require(draft.deficienciesFound, "/deficienciesFound")
        problems.text(draft.summary, "/summary")
        let measures = MeasureDraft.validate(draft.measures ?? [], pointer: "/measures", today: today, into: &problems)
        // The authority asks for the account in its decision, so neither date can come before it.
        problems.notBefore(draft.accountDueOn, "/accountDueOn", draft.decidedOn, "decidedOn")
        problems.notBefore(draft.accountSentOn, "/accountSentOn", draft.decidedOn, "decidedOn")
        problems.notInFuture(draft.accountSentOn, "/accountSentOn", today: today)
        guard problems.isEmpty, let unitIds = draft.unitIds, let title = draft.title, let authority = draft.authority,
            let caseNumber = draft.caseNumber, let decidedOn = draft.decidedOn, let subject = draft.subject,
            let deficienciesFound = draft.deficienciesFound
        else { return .failure(.invalid(problems.problems)) }
        return .success(
            Fields(
                unitIds: unitIds, title: title, description: draft.description ?? "", authority: authority,
                caseNumber: caseNumber,
                decidedOn: decidedOn, subject: subject, deficienciesFound: deficienciesFound,
                summary: draft.summary ?? "",
                measures: measures, accountDueOn: draft.accountDueOn, accountSentOn: draft.accountSentOn))
    }

    public static func primaryDate(of fields: Fields) -> LocalDate { fields.decidedOn }
    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { unitPointers(fields.unitIds) }
    public static func title(of fields: Fields) -> String { fields.title }
    public static func category(of fields: Fields) -> String? { fields.subject.rawValue }
}
