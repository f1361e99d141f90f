import Foundation

/// What an e-mail says about one event, from the event's plain values only: case number, family,
/// units, statuses, dates and the link. Never a record's free text (the event carries none).
public struct MailFacts: Sendable, Equatable {
    /// The event kind as stored (`record.created` …, and `deadline.approaching` / `deadline.passed`).
    public var kind: String
    public var caseNumber: String
    public var family: RecordFamily?
    /// The names of the record's units (their ids when a unit is gone).
    public var unitNames: [String]
    public var status: String
    public var previousStatus: String?
    /// The record's date (`recordDate` of the event).
    public var recordDate: String?
    /// For the deadline kinds: which deadline (`ivo_uppfoljning` …) and the day it falls on.
    public var deadline: String?
    public var dueOn: LocalDate?
    /// The absolute link to the record.
    public var link: String

    public init(
        kind: String, caseNumber: String, family: RecordFamily?, unitNames: [String], status: String,
        previousStatus: String? = nil, recordDate: String? = nil, deadline: String? = nil, dueOn: LocalDate? = nil,
        link: String
    ) {
        self.kind = kind
        self.caseNumber = caseNumber
        self.family = family
        self.unitNames = unitNames
        self.status = status
        self.previousStatus = previousStatus
        self.recordDate = recordDate
        self.deadline = deadline
        self.dueOn = dueOn
        self.link = link
    }
}

/// A message's Swedish subject (one line) and plain-text body (lines separated by `\n`).
public struct MailText: Sendable, Equatable {
    public var subject: String
    public var body: String

    /// The text of an event, or nil for a kind (or a deadline code) it has no text for.
    public static func of(_ facts: MailFacts) -> MailText? {
        let units = facts.unitNames.isEmpty ? "" : " (\(facts.unitNames.joined(separator: ", ")))"
        let familyName = facts.family?.label ?? "Ärende"
        let headline: (subject: String, lead: String)
        switch facts.kind {
        case EventKind.recordCreated.rawValue:
            headline = ("Nytt ärende \(facts.caseNumber)\(units)", "Ett nytt ärende har registrerats.")
        case EventKind.statusChanged.rawValue:
            let from = facts.previousStatus.map(statusName) ?? "–"
            headline = (
                "Ny status för \(facts.caseNumber)\(units): \(statusName(facts.status))",
                "Ärendet har bytt status från \(from) till \(statusName(facts.status))."
            )
        case EventKind.lexSarahReceived.rawValue:
            headline = (
                "Lex Sarah-rapport mottagen: \(facts.caseNumber)\(units)",
                "En lex Sarah-rapport har tagits emot. Missförhållandet eller risken ska utan dröjsmål "
                    + "åtgärdas eller undanröjas, och händelsen ska utredas."
            )
        case EventKind.lexSarahSerious.rawValue:
            headline = (
                "Anmälan till IVO ska göras: \(facts.caseNumber)\(units)",
                "Rapporten har bedömts som ett allvarligt missförhållande eller en påtaglig risk för ett "
                    + "allvarligt missförhållande. En anmälan ska göras till Inspektionen för vård och omsorg "
                    + "(IVO) snarast."
            )
        case EventKind.deadlineApproaching.rawValue, EventKind.deadlinePassed.rawValue:
            guard let code = facts.deadline, let dueOn = facts.dueOn,
                let text = deadline(code, dueOn: dueOn, passed: facts.kind == EventKind.deadlinePassed.rawValue)
            else { return nil }
            headline = ("\(text.subject): \(facts.caseNumber)\(units)", text.body)
        default:
            return nil
        }
        var lines = [headline.lead, "", "Ärende: \(facts.caseNumber)", "Typ: \(familyName)"]
        if !facts.unitNames.isEmpty {
            let label = facts.unitNames.count == 1 ? "Enhet: " : "Enheter: "
            lines.append(label + facts.unitNames.joined(separator: ", "))
        }
        lines.append("Status: \(statusName(facts.status))")
        if let date = facts.recordDate { lines.append("Datum: \(date)") }
        lines += [
            "", "Öppna ärendet: \(facts.link)", "",
            "Meddelandet skickades automatiskt av Kvalitet och innehåller inga uppgifter ur ärendets fritext.",
        ]
        return MailText(subject: headline.subject, body: lines.joined(separator: "\n"))
    }

    /// The text of a deadline that approaches or has passed: `code` is `ivo_uppfoljning`,
    /// `klagomal_bekraftelse` or `tillsyn_redovisning` (nil for another), `dueOn` the last day.
    /// `subject` is the subject's start (the case follows it), `body` the message's first paragraph.
    public static func deadline(_ code: String, dueOn: LocalDate, passed: Bool) -> MailText? {
        guard let code = DeadlineCode(rawValue: code) else { return nil }
        let what = switch code {
        case .ivoUppfoljning: "Den färdiga utredningen ska skickas till IVO"
        case .klagomalBekraftelse: "Klagomålet ska bekräftas till den som lämnat det"
        case .tillsynRedovisning: "Redovisningen av vidtagna åtgärder ska lämnas till tillsynsmyndigheten"
        }
        if passed {
            return MailText(
                subject: "Tidsfristen har passerat (\(dueOn))",
                body: "\(what) senast \(dueOn). Den dagen har passerat och det är ännu inte gjort.")
        }
        return MailText(subject: "Påminnelse: senast \(dueOn)", body: "\(what) senast \(dueOn).")
    }

    /// A workflow status as a reader sees it: `under_utredning` → `under utredning`.
    static func statusName(_ status: String) -> String { status.replacingOccurrences(of: "_", with: " ") }
}
