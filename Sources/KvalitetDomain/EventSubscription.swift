import Foundation

/// What webhook subscriptions and e-mail recipients share: which event kinds they take, for which
/// unit subtree. The one place that says whether an event reaches one of them.
public protocol EventSubscription: Sendable {
    var eventKinds: [EventKind] { get }
    /// The root of the unit subtree whose records' events are taken; nil: every unit.
    var unitId: String? { get }
}

extension EventSubscription {
    /// Whether an event of `kind` for a record in `unitIds` is taken: `subtree` is the set of units
    /// under `unitId` (nil when it names none).
    public func wants(_ kind: String, unitIds: [String], subtree: Set<String>?) -> Bool {
        guard eventKinds.contains(where: { $0.rawValue == kind }) else { return false }
        guard let subtree else { return true }
        return unitIds.contains { subtree.contains($0) }
    }
}

/// The body of a webhook subscription or e-mail recipient as decoded from the wire, before storing:
/// `target` is the URL or the e-mail address.
public struct SubscriptionDraft: Sendable, Equatable {
    public var target: String
    public var eventKinds: [EventKind]
    public var unitId: String?

    public init(target: String, eventKinds: [EventKind], unitId: String?) {
        self.target = target
        self.eventKinds = eventKinds
        self.unitId = unitId
    }
}
