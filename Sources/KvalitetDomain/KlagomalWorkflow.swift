/// The handling of a complaint: inkommen → under_utredning → avslutad.
public enum KlagomalWorkflow {
    public static let table = Workflow<Klagomal>(
        initial: .inkommen,
        steps: [.inkommen: [.underUtredning], .underUtredning: [.avslutad], .avslutad: []],
        requirements: [
            .avslutad: [
                .init("/closedOn", "closedOn is required to close a klagomål") { $0.closedOn != nil },
                // The yearly analysis counts closed complaints by outcome; one closed without it is lost to it.
                .init("/outcome",
                      "outcome (avvikelse_konstaterad or ingen_avvikelse) is required to close a klagomål") {
                    $0.outcome != nil
                },
            ],
        ])
}
