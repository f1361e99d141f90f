/// The handling of a supervisory decision: oppet → avslutat, with nothing required to close it.
public enum TillsynsbeslutWorkflow {
    public static let table = Workflow<Tillsynsbeslut>(
        initial: .oppet, steps: [.oppet: [.avslutat], .avslutat: []], requirements: [:])
}
