/// A measure (*åtgärd*) taken or planned because of a record.
public struct Measure: Codable, Sendable, Equatable {
    public var description: String
    public var responsible: String?
    public var dueOn: LocalDate?
    public var doneOn: LocalDate?

    public init(description: String, responsible: String? = nil, dueOn: LocalDate? = nil, doneOn: LocalDate? = nil) {
        self.description = description
        self.responsible = responsible
        self.dueOn = dueOn
        self.doneOn = doneOn
    }
}

/// A measure as the client sent it, before validation.
public struct MeasureDraft: Sendable, Equatable {
    public var description: String?
    public var responsible: String?
    public var dueOn: LocalDate?
    public var doneOn: LocalDate?

    public init(description: String?, responsible: String? = nil, dueOn: LocalDate? = nil, doneOn: LocalDate? = nil) {
        self.description = description
        self.responsible = responsible
        self.dueOn = dueOn
        self.doneOn = doneOn
    }

    public init(_ measure: Measure) {
        self.init(
            description: measure.description, responsible: measure.responsible, dueOn: measure.dueOn,
            doneOn: measure.doneOn)
    }

    static func validate(
        _ drafts: [MeasureDraft], pointer: String, today: LocalDate, into problems: inout ProblemList
    ) -> [Measure] {
        if drafts.count > 100 { problems.add(pointer, .tooMany(maxItems: 100), detail: "at most 100 measures") }
        return drafts.enumerated().compactMap { index, draft in
            let at = "\(pointer)/\(index)"
            guard let description = draft.description else {
                problems.add("\(at)/description", .required)
                return nil
            }
            TextRules.check(
                description, pointer: "\(at)/description", min: 1, max: TextRules.shortTextMax, into: &problems)
            if let responsible = draft.responsible {
                TextRules.check(
                    responsible, pointer: "\(at)/responsible", min: 1, max: TextRules.nameMax, into: &problems)
            }
            if let doneOn = draft.doneOn, doneOn > today { problems.add("\(at)/doneOn", .inFuture(today: "\(today)")) }
            return Measure(
                description: description, responsible: draft.responsible, dueOn: draft.dueOn, doneOn: draft.doneOn)
        }
    }
}
