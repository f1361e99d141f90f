/// The handling of a risk analysis: planerad → pagaende → genomford → uppfoljd.
public enum RiskanalysWorkflow {
    /// What a performed analysis needs, and keeps needing once followed up.
    static let performed: [Workflow<Riskanalys>.Requirement] = [
        .init("/performedOn", "performedOn is required for a genomförd risk analysis") { $0.performedOn != nil },
        .init("/risks", "at least one risk is required for a genomförd risk analysis") { !$0.risks.isEmpty },
    ]

    public static let table = Workflow<Riskanalys>(
        initial: .planerad,
        steps: [.planerad: [.pagaende], .pagaende: [.genomford], .genomford: [.uppfoljd], .uppfoljd: []],
        requirements: [.genomford: performed, .uppfoljd: performed])
}
