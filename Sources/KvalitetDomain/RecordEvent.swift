import Foundation

/// What happened that someone may need to act on: the `type` of an event and of a webhook message,
/// each written with the change itself.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    /// A record was created (any family).
    case recordCreated = "record.created"
    /// A record moved to another status in its workflow.
    case statusChanged = "record.status_changed"
    /// A lex Sarah report was received: immediate measures and an investigation without delay.
    case lexSarahReceived = "lex_sarah.received"
    /// A lex Sarah report was assessed as serious: an anmälan to IVO is due as soon as possible.
    case lexSarahSerious = "lex_sarah.anmalan_due"
    /// A deadline (`deadline` in the payload) falls due within the configured days: written by the daily scan.
    case deadlineApproaching = "deadline.approaching"
    /// A deadline's day is over and what it asks for is not recorded: written by the daily scan.
    case deadlinePassed = "deadline.passed"

    /// Every kind, as written in a subscription's `eventKinds` and in the README.
    public static var allNames: [String] { allCases.map(\.rawValue) }
}

/// One event as the domain describes it: ids, family, units, status and dates, never free text.
public struct RecordEvent: Sendable, Equatable {
    public var kind: EventKind
    public var recordId: CaseNumber
    /// The record's units (its subtree decides which subscriptions and recipients see it).
    public var unitIds: [String]
    public var status: String
    /// The status before a `record.status_changed`; nil otherwise.
    public var previousStatus: String?
    /// Named dates the event concerns (`recordDate`: the date that gives the case number its year).
    public var dates: [String: LocalDate]
    /// The deadline of a `deadline.*` event and the day it is due; nil for the others.
    public var deadline: DueDeadline?

    public init(
        kind: EventKind, recordId: CaseNumber, unitIds: [String], status: String, previousStatus: String? = nil,
        dates: [String: LocalDate] = [:], deadline: DueDeadline? = nil
    ) {
        self.kind = kind
        self.recordId = recordId
        self.unitIds = unitIds
        self.status = status
        self.previousStatus = previousStatus
        self.dates = dates
        self.deadline = deadline
    }

    public var family: RecordFamily { recordId.family }
}

/// The events a change writes with itself: the one place that says which change announces what.
public enum RecordEvents {
    /// The events of writing `record` over `previous` (nil for a new record), in the order they happen.
    public static func of<Kind: RecordKind>(_ record: CaseRecord<Kind>, previous: CaseRecord<Kind>?) -> [RecordEvent] {
        func event(_ kind: EventKind, previousStatus: String? = nil) -> RecordEvent {
            Self.event(kind, of: record, previousStatus: previousStatus)
        }
        var events: [RecordEvent] = []
        if let previous {
            if previous.status != record.status {
                events.append(event(.statusChanged, previousStatus: previous.status.rawValue))
            }
        } else {
            events.append(event(.recordCreated))
        }
        for kind in Kind.announcements(of: record, previous: previous) { events.append(event(kind)) }
        return events
    }

    /// One event about `record` as it is now: its units (each once), status and `recordDate`.
    public static func event<Kind: RecordKind>(
        _ kind: EventKind, of record: CaseRecord<Kind>, previousStatus: String? = nil, deadline: DueDeadline? = nil
    ) -> RecordEvent {
        var seen = Set<String>()
        let unitIds = Kind.units(of: record.fields).map(\.unitId).filter { seen.insert($0).inserted }
        return RecordEvent(
            kind: kind, recordId: record.id, unitIds: unitIds, status: record.status.rawValue,
            previousStatus: previousStatus, dates: ["recordDate": Kind.primaryDate(of: record.fields)],
            deadline: deadline)
    }
}

extension RecordFamily {
    /// The family's collection under `/api/v1` (`avvikelser`, `lex-sarah` …): routes and event links.
    public var collection: String {
        switch self {
        case .avvikelse: "avvikelser"
        case .klagomal: "klagomal"
        case .lexSarah: "lex-sarah"
        case .riskanalys: "riskanalyser"
        case .egenkontroll: "egenkontroller"
        case .tillsynsbeslut: "tillsynsbeslut"
        }
    }
}

extension RecordEvent {
    /// The record's path in the API, the link every event carries.
    public var link: String { "/api/v1/\(family.collection)/\(recordId)" }
}
