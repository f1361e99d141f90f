/// The municipality's local routine for following up the investigation of a lex Sarah report that
/// was reported to IVO: the one home of that deadline, used by the record's computed deadlines, the
/// `?overdue=` filter (through the stored follow-up date), the report's tallies and the notes.
///
/// The anmälan itself is SoL (2025:400) 27 kap. 6 § (for events before 1 July 2025 SoL (2001:453)
/// 14 kap. 7 §). IVO asks for the finished investigation as soon as it is complete; no legal source
/// sets a period after the anmälan. The period here is a local routine, configurable, by default
/// two months after the anmälan.
public struct IvoFollowUp: Sendable, Equatable {
    /// Months after the anmälan (`ivo.reportedOn`) the investigation is to be sent by: 1–24.
    public let months: Int

    /// Two months, the routine most municipalities wrote when IVO's old guidance said so.
    public static let standard = IvoFollowUp(months: 2)!
    public static let allowedMonths = 1...24

    public init?(months: Int) {
        guard Self.allowedMonths.contains(months) else { return nil }
        self.months = months
    }

    /// The last day to send the investigation on: `reportedOn` + the period, clamped to the month's end.
    public func sendBy(reportedOn: LocalDate) -> LocalDate { reportedOn.adding(months: months) }

    /// The days a report is overdue: from the day after `sendBy` until (not including) the day it
    /// was sent, or open-ended while unsent; nil when it was sent in time.
    public func overdue(reportedOn: LocalDate, sentOn: LocalDate?) -> (from: LocalDate, until: LocalDate?)? {
        let from = LocalDate(dayNumber: sendBy(reportedOn: reportedOn).dayNumber + 1)
        guard let sentOn else { return (from, nil) }
        return sentOn > from ? (from, sentOn) : nil
    }

    /// What a record shows: the date to send by while unsent, and whether it has passed (sending on
    /// the day itself is in time). A voided report needs no action, whatever its dates say.
    public func deadlines(of fields: LexSarah.Fields, voided: Bool = false, today: LocalDate) -> LexSarahDeadlines {
        guard let by = dueOn(fields) else { return LexSarahDeadlines(investigationToIvoBy: nil, overdue: false) }
        return LexSarahDeadlines(investigationToIvoBy: by, overdue: !voided && today > by)
    }

    /// The day the investigation is to reach IVO by, while reported to IVO and unsent; nil otherwise.
    public func dueOn(_ fields: LexSarah.Fields) -> LocalDate? {
        guard let ivo = fields.ivo, ivo.investigationSentOn == nil else { return nil }
        return sendBy(reportedOn: ivo.reportedOn)
    }
}

/// What is computed on read: when the finished investigation is to reach IVO under the local routine.
public struct LexSarahDeadlines: Sendable, Equatable {
    /// `IvoFollowUp.sendBy` while the investigation has not been sent; nil otherwise.
    public let investigationToIvoBy: LocalDate?
    /// True when that date has passed.
    public let overdue: Bool

    public init(investigationToIvoBy: LocalDate?, overdue: Bool) {
        self.investigationToIvoBy = investigationToIvoBy
        self.overdue = overdue
    }
}

extension LexSarah {
    /// The record's deadlines under `followUp` (see `IvoFollowUp.deadlines`).
    public static func deadlines(of fields: Fields, voided: Bool = false, today: LocalDate,
                                 followUp: IvoFollowUp = .standard) -> LexSarahDeadlines {
        followUp.deadlines(of: fields, voided: voided, today: today)
    }
}
