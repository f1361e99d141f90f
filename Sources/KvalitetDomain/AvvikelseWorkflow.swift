/// The handling of a kvalitetsavvikelse: inkommen → under_utredning → avslutad.
public enum AvvikelseWorkflow {
    public static let table = Workflow<Avvikelse>(
        initial: .inkommen,
        steps: [
            .inkommen: [.underUtredning],
            .underUtredning: [.avslutad],
            .avslutad: [],
        ],
        requirements: [
            .avslutad: [
                .init("/closedOn", "closedOn is required to close a kvalitetsavvikelse") { $0.closedOn != nil },
                // The yearly analysis is by root cause; a deviation closed without one is lost to it.
                .init("/rootCauses", "at least one root cause is required to close a kvalitetsavvikelse") {
                    !$0.rootCauses.isEmpty
                },
            ],
        ])
}
