import Foundation

/// Lex Sarah reports (LXS): staff's duty to report missförhållanden and påtaglig risk for them.
public enum LexSarah: RecordKind {
    public typealias Status = LexSarahStatus
    public static let family = RecordFamily.lexSarah
    public static var workflow: Workflow<LexSarah> { LexSarahWorkflow.table }

    public static let fieldTable = FieldTable<LexSarah>(
        [
            .text("unitId", \.unitId, \.unitId).sv("Enhet"),
            .text("title", \.title, \.title, freeText: true).sv("Rubrik"),
            .text("description", \.description, \.description, freeText: true).sv("Beskrivning"),
            .date("reportedOn", \.reportedOn, \.reportedOn).sv("Rapporterad"),
            .code("reporterRole", \.reporterRole, \.reporterRole).sv("Rapportörens roll"),
            .optionalDate("occurredOn", \.occurredOn, \.occurredOn).sv("Inträffade"),
            .codes("kinds", \.kinds, \.kinds).sv("Slag av missförhållande"),
            .codes("rootCauses", \.rootCauses, \.rootCauses).sv("Orsaker"),
            .init(
                "immediateMeasures", freeText: ["description"], csv: ["description", "takenOn"],
                read: { $0.immediateMeasures = ImmediateMeasuresDraft.read($1) },
                show: { f, _ in .immediateMeasures(f) }
            ).sv("Omedelbara åtgärder", "Omedelbara åtgärder vidtagna"),
            .init(
                "investigation", freeText: ["investigator", "motivation"], csv: Investigation.keys,
                read: { $0.investigation = Investigation.read($1) }, show: { f, _ in .investigation(f) }
            ).sv(
                "Utredare", "Utredning påbörjad", "Utredning klar", "Bedömning", "Motivering",
                codes: ["assessment": LexSarahAssessment.self]),
            .init(
                "notes", role: .serverManaged, freeText: [""], read: { _, _ in },
                show: { f, _ in .list(f.notes.map(\.fieldValue)) }
            ).sv("Anteckningar"),
            .optionalDate("committeeDecidedOn", \.committeeDecidedOn, \.committeeDecidedOn).sv("Behandlad av nämnden"),
            .init("ivo", csv: Ivo.keys, read: { $0.ivo = IvoDraft.read($1) }, show: { f, _ in .ivo(f) }).sv(
                "Anmäld till IVO", "Kanal till IVO", "IVO:s diarienummer", "Utredning skickad till IVO",
                codes: ["channel": IvoChannel.self]),
            .measures("measures", \.measures, \.measures).sv("Åtgärder"),
            .optionalDate("closedOn", \.closedOn, \.closedOn, role: .transitionOnly).sv("Avslutad"),
        ],
        computed: [
            ComputedField(
                "deadlines", csv: ["investigationToIvoBy", "overdue"],
                sv: ["Utredning till IVO senast", "Utredning till IVO försenad"]
            ) { record, context in
                let deadlines = context.settings.ivoFollowUp.deadlines(
                    of: record.fields, voided: record.voided != nil,
                    today: context.today)
                return .members([
                    ("investigationToIvoBy", .date(deadlines.investigationToIvoBy)),
                    ("overdue", .bool(deadlines.overdue)),
                ])
            }
        ], category: LexSarahKind.self,
        codeLists: [
            CodeListDescription(LexSarahStatus.self), CodeListDescription(ReporterRole.self),
            CodeListDescription(LexSarahKind.self), CodeListDescription(LexSarahAssessment.self),
            CodeListDescription(NoteKind.self), CodeListDescription(IvoChannel.self),
        ],
        retired: ["category": LexSarahKind.categoryRetired])

    /// What was done at once to protect the people concerned (*omedelbara åtgärder*).
    public struct ImmediateMeasures: Codable, Sendable, Equatable {
        public var description: String
        public var takenOn: LocalDate
        public init(description: String, takenOn: LocalDate) {
            self.description = description
            self.takenOn = takenOn
        }
    }

    /// The investigation (*utredning*) and its assessment; everything may be filled in step by step.
    public struct Investigation: Codable, Sendable, Equatable {
        public var investigator: String?
        public var startedOn: LocalDate?
        public var completedOn: LocalDate?
        public var assessment: LexSarahAssessment?
        public var motivation: String?
        public init(
            investigator: String? = nil, startedOn: LocalDate? = nil, completedOn: LocalDate? = nil,
            assessment: LexSarahAssessment? = nil, motivation: String? = nil
        ) {
            self.investigator = investigator
            self.startedOn = startedOn
            self.completedOn = completedOn
            self.assessment = assessment
            self.motivation = motivation
        }
    }

    /// The anmälan to IVO of a serious report, and when the finished investigation followed it.
    public struct Ivo: Codable, Sendable, Equatable {
        public var reportedOn: LocalDate
        public var channel: IvoChannel
        public var caseNumber: String?
        public var investigationSentOn: LocalDate?
        public init(
            reportedOn: LocalDate, channel: IvoChannel, caseNumber: String? = nil,
            investigationSentOn: LocalDate? = nil
        ) {
            self.reportedOn = reportedOn
            self.channel = channel
            self.caseNumber = caseNumber
            self.investigationSentOn = investigationSentOn
        }
    }

    /// A lex Sarah report's own fields; `notes` only ever grow (see `appending(_:to:…)`).
    public struct Fields: Codable, Sendable, Equatable {
        public var unitId: String
        public var title: String
        public var description: String
        public var reportedOn: LocalDate
        public var reporterRole: ReporterRole
        public var occurredOn: LocalDate?
        /// The kinds of missförhållande the report concerns: at least one, each once.
        public var kinds: [LexSarahKind]
        public var rootCauses: [RootCause]
        public var immediateMeasures: ImmediateMeasures?
        public var investigation: Investigation?
        public var notes: [LexSarahNote]
        public var committeeDecidedOn: LocalDate?
        public var ivo: Ivo?
        public var measures: [Measure]
        /// When the report was closed (avslutad): what "open at year end" is counted by.
        public var closedOn: LocalDate?

        public init(
            unitId: String, title: String, description: String = "", reportedOn: LocalDate,
            reporterRole: ReporterRole,
            occurredOn: LocalDate? = nil, kinds: [LexSarahKind], rootCauses: [RootCause] = [],
            immediateMeasures: ImmediateMeasures? = nil, investigation: Investigation? = nil,
            notes: [LexSarahNote] = [],
            committeeDecidedOn: LocalDate? = nil, ivo: Ivo? = nil, measures: [Measure] = [], closedOn: LocalDate? = nil
        ) {
            self.unitId = unitId
            self.title = title
            self.description = description
            self.reportedOn = reportedOn
            self.reporterRole = reporterRole
            self.occurredOn = occurredOn
            self.kinds = kinds
            self.rootCauses = rootCauses
            self.immediateMeasures = immediateMeasures
            self.investigation = investigation
            self.notes = notes
            self.committeeDecidedOn = committeeDecidedOn
            self.ivo = ivo
            self.measures = measures
            self.closedOn = closedOn
        }
    }

    /// Immediate measures as the client sent them.
    public struct ImmediateMeasuresDraft: Sendable, Equatable {
        public var description: String?
        public var takenOn: LocalDate?
        public init(description: String? = nil, takenOn: LocalDate? = nil) {
            self.description = description
            self.takenOn = takenOn
        }
    }

    /// The IVO part as the client sent it.
    public struct IvoDraft: Sendable, Equatable {
        public var reportedOn: LocalDate?
        public var channel: IvoChannel?
        public var caseNumber: String?
        public var investigationSentOn: LocalDate?
        public init(
            reportedOn: LocalDate? = nil, channel: IvoChannel? = nil, caseNumber: String? = nil,
            investigationSentOn: LocalDate? = nil
        ) {
            self.reportedOn = reportedOn
            self.channel = channel
            self.caseNumber = caseNumber
            self.investigationSentOn = investigationSentOn
        }
    }

    /// What a client sent; notes are never part of it (they are appended one by one).
    public struct Draft: RecordDraft, Equatable {
        public var unitId: String?
        public var title: String?
        public var description: String?
        public var reportedOn: LocalDate?
        public var reporterRole: ReporterRole?
        public var occurredOn: LocalDate?
        public var kinds: [LexSarahKind]?
        public var rootCauses: [RootCause]?
        public var immediateMeasures: ImmediateMeasuresDraft?
        public var investigation: Investigation?
        public var committeeDecidedOn: LocalDate?
        public var ivo: IvoDraft?
        public var measures: [MeasureDraft]?
        public var closedOn: LocalDate?

        public init() {}
    }

    public static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError> {
        LexSarahRules.validate(draft, today: today)
    }

    public static func primaryDate(of fields: Fields) -> LocalDate { fields.reportedOn }
    public static func units(of fields: Fields) -> [(pointer: String, unitId: String)] { [("/unitId", fields.unitId)] }
    public static func title(of fields: Fields) -> String { fields.title }
    /// None: a report has several kinds, and the `category` list filter looks among them (storage).
    public static func category(of fields: Fields) -> String? { nil }

    /// Notes are append-only: every change must keep the existing ones exactly, in order.
    public static func checkChange(from current: Fields, to next: Fields) throws(DomainError) {
        guard next.notes.count >= current.notes.count, Array(next.notes.prefix(current.notes.count)) == current.notes
        else {
            throw DomainError.conflict(
                rule: "lex Sarah notes are append-only: an existing note can never be changed or removed",
                problems: [FieldProblem("/notes", .unchangeable, detail: "existing notes cannot change")])
        }
    }

    public static func keepingManaged(_ edited: Fields, from current: Fields) -> Fields {
        var fields = edited
        fields.notes = current.notes
        return fields
    }

    /// Closing without a date closes today; imported history sends the real closedOn.
    public static func entering(_ status: Status, with fields: Fields, today: LocalDate) -> Fields {
        guard status == .avslutad, fields.closedOn == nil else { return fields }
        var closed = fields
        closed.closedOn = today
        return closed
    }
}
