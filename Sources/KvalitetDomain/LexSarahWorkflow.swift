/// The handling of a lex Sarah report: rapporterad → under_utredning → bedomd → avslutad.
public enum LexSarahWorkflow {
    /// What an assessed report needs, and keeps needing once closed.
    static let assessed: [Workflow<LexSarah>.Requirement] = [
        .init("/investigation/assessment", "investigation.assessment is required for a bedömd report") {
            $0.investigation?.assessment != nil
        },
        .init("/investigation/motivation", "investigation.motivation is required for a bedömd report") {
            $0.investigation?.motivation != nil
        },
        .init("/investigation/completedOn", "investigation.completedOn is required for a bedömd report") {
            $0.investigation?.completedOn != nil
        },
    ]

    public static let table = Workflow<LexSarah>(
        initial: .rapporterad,
        steps: [.rapporterad: [.underUtredning], .underUtredning: [.bedomd], .bedomd: [.avslutad], .avslutad: []],
        requirements: [
            .bedomd: assessed,
            .avslutad: assessed + [
                .init("/closedOn", "closedOn is required for an avslutad report") { $0.closedOn != nil },
                // The AU (arbetsutskottet) treats every investigation that found a missförhållande or a risk of one.
                .init("/committeeDecidedOn",
                      "committeeDecidedOn is required to close a report assessed as anything but ej_missforhallande") {
                    guard let assessment = $0.investigation?.assessment else { return true }
                    return assessment == .ejMissforhallande || $0.committeeDecidedOn != nil
                },
                .init("/ivo/reportedOn", "ivo.reportedOn is required to close a report with a serious assessment") {
                    $0.investigation?.assessment?.isSerious != true || $0.ivo?.reportedOn != nil
                },
            ],
        ])
}

extension LexSarah {
    /// A new report calls for immediate measures and an investigation (`lex_sarah.received`); one
    /// assessed as serious for the first time calls for an anmälan to IVO (`lex_sarah.anmalan_due`).
    public static func announcements(of record: CaseRecord<LexSarah>, previous: CaseRecord<LexSarah>?) -> [EventKind] {
        var kinds: [EventKind] = []
        if previous == nil { kinds.append(.lexSarahReceived) }
        let serious = record.fields.investigation?.assessment?.isSerious == true
        let wasSerious = previous?.fields.investigation?.assessment?.isSerious == true
        if serious, !wasSerious, record.fields.ivo == nil { kinds.append(.lexSarahSerious) }
        return kinds
    }
}
