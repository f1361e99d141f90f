import Foundation

/// What every record family declares so that the stores, the workflow and the routes can treat it alike.
public protocol RecordKind: Sendable {
    associatedtype Fields: Codable, Sendable, Equatable
    associatedtype Draft: RecordDraft
    associatedtype Status: Code

    static var family: RecordFamily { get }
    static var workflow: Workflow<Self> { get }
    /// The family's fields, described once (see `FieldTable`).
    static var fieldTable: FieldTable<Self> { get }

    /// Turns a draft (what the client sent, possibly incomplete) into valid fields, or every problem.
    static func validate(_ draft: Draft, today: LocalDate) -> Result<Fields, DomainError>
    /// The date that gives the case number its year and decides the unit must be open.
    static func primaryDate(of fields: Fields) -> LocalDate
    /// The record's units with the JSON pointer each is reported under.
    static func units(of fields: Fields) -> [(pointer: String, unitId: String)]
    static func title(of fields: Fields) -> String
    /// The family's main classification, for the common `category` list filter.
    static func category(of fields: Fields) -> String?
    /// Rules on how a record may change at all, whatever the path (PATCH, transition, note):
    /// e.g. lex Sarah notes are append-only. The store checks this on every change.
    static func checkChange(from current: Fields, to next: Fields) throws(DomainError)
    /// Copies what only the service manages (such as appended notes) from the current fields into
    /// fields decoded from a client's edit, which never carry them.
    static func keepingManaged(_ edited: Fields, from current: Fields) -> Fields
    /// What entering `status` fills in when the client left it out (lex Sarah: closedOn is today).
    static func entering(_ status: Status, with fields: Fields, today: LocalDate) -> Fields
    /// The family's own events of a change besides created and status changed (see `RecordEvents`).
    static func announcements(of record: CaseRecord<Self>, previous: CaseRecord<Self>?) -> [EventKind]
}

extension RecordKind {
    /// Fields that only a transition may set (e.g. `closedOn`): refused in create and PATCH bodies.
    public static var transitionOnlyFields: Set<String> { fieldTable.transitionOnlyKeys }

    public static func checkChange(from current: Fields, to next: Fields) throws(DomainError) {}
    public static func keepingManaged(_ edited: Fields, from current: Fields) -> Fields { edited }
    public static func entering(_ status: Status, with fields: Fields, today: LocalDate) -> Fields { fields }
    public static func announcements(of record: CaseRecord<Self>, previous: CaseRecord<Self>?) -> [EventKind] { [] }

    /// A PATCH: validated `fields` replace the current ones, what the service manages is kept,
    /// and what the current status requires must still hold.
    public static func edit(_ current: CaseRecord<Self>, to fields: Fields) throws(DomainError) -> CaseRecord<Self> {
        var next = current
        next.fields = keepingManaged(fields, from: current.fields)
        try workflow.checkStaying(in: current.status, fields: next.fields)
        return next
    }

    /// A status change with the fields the step needs, judged by the workflow table.
    public static func transition(
        _ current: CaseRecord<Self>, to status: Status, with fields: Fields,
        today: LocalDate
    ) throws(DomainError) -> CaseRecord<Self> {
        var next = current
        next.fields = keepingManaged(fields, from: current.fields)
        if workflow.next(from: current.status).contains(status) {
            next.fields = entering(status, with: next.fields, today: today)
        }
        try workflow.checkTransition(from: current.status, to: status, fields: next.fields)
        next.status = status
        return next
    }
}

/// Why a record was voided (*makulerad*). Voided records keep their number and never count.
public struct Voiding: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var reason: String
    public var by: String

    public init(on: LocalDate, reason: String, by: String) {
        self.on = on
        self.reason = reason
        self.by = by
    }

    public static func validate(reason: String?) -> [FieldProblem] {
        guard let reason else {
            return [FieldProblem("/reason", .required, detail: "a reason is required to void a record")]
        }
        if let rule = TextRules.check(
            reason, min: 1,
            max: TextRules.shortTextMax)
        {
            return [FieldProblem("/reason", rule)]
        }
        return []
    }
}

/// A stored record of some family: its fields plus what the service keeps about it.
public struct CaseRecord<Kind: RecordKind>: Sendable, Equatable, Codable {
    public var id: CaseNumber
    public var status: Kind.Status
    public var fields: Kind.Fields
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var voided: Voiding?

    public init(
        id: CaseNumber, status: Kind.Status, fields: Kind.Fields, version: Int, createdAt: Date,
        createdBy: String, updatedAt: Date, voided: Voiding?
    ) {
        self.id = id
        self.status = status
        self.fields = fields
        self.version = version
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.voided = voided
    }
}

/// What kind of change produced a version; also the audit log's action.
public enum ChangeAction: String, Sendable, Codable, CaseIterable {
    case create, update, transition, void
    /// A lex Sarah note appended (`POST …/notes`).
    case note
}

/// One entry of a record's history: the record as it was after a change, and who made it.
public struct RecordVersion<Kind: RecordKind>: Sendable {
    public let record: CaseRecord<Kind>
    public let action: ChangeAction
    public let changedAt: Date
    public let changedBy: String
    public let requestId: String?

    public init(
        record: CaseRecord<Kind>, action: ChangeAction, changedAt: Date, changedBy: String,
        requestId: String?
    ) {
        self.record = record
        self.action = action
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.requestId = requestId
    }
}
