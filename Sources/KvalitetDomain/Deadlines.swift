/// The deadlines the daily scan watches, named as events carry them (`deadline` in the payload).
public enum DeadlineCode: String, Sendable, CaseIterable, Codable {
    /// Lex Sarah: the finished investigation to IVO under the local routine (`IvoFollowUp`).
    case ivoUppfoljning = "ivo_uppfoljning"
    /// Klagomål: the acknowledgement of receipt within the configured working days (`KlagomalAcknowledgement`).
    case klagomalBekraftelse = "klagomal_bekraftelse"
    /// Tillsynsbeslut: the account of measures the authority asked for (`TillsynAccount`).
    case tillsynRedovisning = "tillsyn_redovisning"
}

/// One open deadline: which, and the last day to meet it on.
public struct DueDeadline: Sendable, Equatable {
    public let code: DeadlineCode
    public let dueOn: LocalDate

    public init(_ code: DeadlineCode, dueOn: LocalDate) {
        self.code = code
        self.dueOn = dueOn
    }
}

/// A tillsynsbeslut's account of measures (*redovisning av vidtagna åtgärder*): due on the date the
/// authority set (`accountDueOn`) until it is sent (`accountSentOn`). The one home of that deadline.
public enum TillsynAccount {
    /// The day the account is due while it is unsent; nil when none is asked for or it was sent.
    public static func dueOn(_ fields: Tillsynsbeslut.Fields) -> LocalDate? {
        fields.accountSentOn == nil ? fields.accountDueOn : nil
    }

    /// What a decision shows: the date to send by while unsent, and whether it has passed (sending
    /// on the day itself is in time). A voided decision needs no action.
    public static func deadlines(of fields: Tillsynsbeslut.Fields, voided: Bool, today: LocalDate)
        -> TillsynsbeslutDeadlines
    {
        let by = dueOn(fields)
        return TillsynsbeslutDeadlines(accountBy: by, overdue: !voided && by.map { today > $0 } == true)
    }
}

/// What is computed on read for a tillsynsbeslut.
public struct TillsynsbeslutDeadlines: Sendable, Equatable {
    /// `accountDueOn` while the account is unsent; nil otherwise.
    public let accountBy: LocalDate?
    /// True when that date has passed.
    public let overdue: Bool

    public init(accountBy: LocalDate?, overdue: Bool) {
        self.accountBy = accountBy
        self.overdue = overdue
    }
}

/// The local routine for acknowledging a complaint's receipt: within `workingDays` Swedish working
/// days (`SwedishWorkingDays`) after `receivedOn`. No statute sets the period; it is configurable.
public struct KlagomalAcknowledgement: Sendable, Equatable {
    /// Working days after receipt, 1–20.
    public let workingDays: Int

    /// Two working days: short enough that the acknowledgement comes well before any answer, and
    /// long enough that a complaint received on a Friday afternoon is not late on Monday.
    public static let standard = KlagomalAcknowledgement(workingDays: 2)!
    public static let allowedWorkingDays = 1...20

    public init?(workingDays: Int) {
        guard Self.allowedWorkingDays.contains(workingDays) else { return nil }
        self.workingDays = workingDays
    }

    /// The day the acknowledgement is due while none is recorded; nil once acknowledged, answered
    /// or closed (an answer or a closing decision tells the sender more than an acknowledgement).
    public func dueOn(_ fields: Klagomal.Fields) -> LocalDate? {
        guard fields.acknowledgedOn == nil, fields.respondedOn == nil, fields.closedOn == nil else { return nil }
        return SwedishWorkingDays.adding(workingDays, to: fields.receivedOn)
    }
}

/// When the scan announces a deadline: `approachingDays` calendar days before it (1–30), and on the
/// day after it has passed.
public struct DeadlineRules: Sendable, Equatable {
    public var ivoFollowUp: IvoFollowUp
    public var klagomal: KlagomalAcknowledgement
    public var approachingDays: Int

    public static let allowedApproachingDays = 1...30

    public init(ivoFollowUp: IvoFollowUp = .standard, klagomal: KlagomalAcknowledgement = .standard,
                approachingDays: Int = 3) {
        self.ivoFollowUp = ivoFollowUp
        self.klagomal = klagomal
        self.approachingDays = approachingDays
    }

    /// The event a deadline due on `dueOn` calls for on `today`: `deadline.passed` once the day is
    /// over, `deadline.approaching` from `approachingDays` before it, nil before that.
    public func notice(dueOn: LocalDate, today: LocalDate) -> EventKind? {
        if today > dueOn { return .deadlinePassed }
        if today.dayNumber >= dueOn.dayNumber - approachingDays { return .deadlineApproaching }
        return nil
    }

    /// The deadline a record has now under these rules (nil: none open). Voided records have none.
    public func open<Kind: RecordKind>(_ record: CaseRecord<Kind>) -> DueDeadline? {
        guard record.voided == nil else { return nil }
        switch record.fields {
        case let fields as LexSarah.Fields:
            return ivoFollowUp.dueOn(fields).map { DueDeadline(.ivoUppfoljning, dueOn: $0) }
        case let fields as Klagomal.Fields:
            return klagomal.dueOn(fields).map { DueDeadline(.klagomalBekraftelse, dueOn: $0) }
        case let fields as Tillsynsbeslut.Fields:
            return TillsynAccount.dueOn(fields).map { DueDeadline(.tillsynRedovisning, dueOn: $0) }
        default:
            return nil
        }
    }
}
