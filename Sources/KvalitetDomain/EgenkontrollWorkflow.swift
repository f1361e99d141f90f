/// The handling of a self-inspection: planerad → pagaende → genomford.
public enum EgenkontrollWorkflow {
    public static let table = Workflow<Egenkontroll>(
        initial: .planerad,
        steps: [.planerad: [.pagaende], .pagaende: [.genomford], .genomford: []],
        requirements: [.genomford: [
            .init("/performedOn", "performedOn is required for a genomförd egenkontroll") { $0.performedOn != nil },
            .init("/result", "result is required for a genomförd egenkontroll") { $0.result != nil },
        ]])
}
