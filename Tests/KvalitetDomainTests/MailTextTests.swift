import Foundation
import KvalitetDomain
import Testing

@Suite("E-mail texts and recipients' addresses")
struct MailTextTests {
    static func facts(_ kind: String, previous: String? = nil, deadline: String? = nil, dueOn: String? = nil)
        -> MailFacts
    {
        MailFacts(
            kind: kind, caseNumber: "LXS-2026-0007", family: .lexSarah, unitNames: ["Hemtjänst Norr"],
            status: "under_utredning", previousStatus: previous, recordDate: "2026-01-14", deadline: deadline,
            dueOn: dueOn.flatMap(LocalDate.init), link: "https://kvalitet.kommun.se/api/v1/lex-sarah/LXS-2026-0007")
    }

    @Test func everyEventKindHasASwedishSubjectNamingTheCaseAndUnitAndABodyWithTheLink() throws {
        for kind in EventKind.allCases {
            let deadline = kind.rawValue.hasPrefix("deadline.") ? "klagomal_bekraftelse" : nil
            let facts = Self.facts(kind.rawValue, previous: "inkommen", deadline: deadline, dueOn: "2026-03-02")
            let text = try #require(MailText.of(facts), "\(kind)")
            #expect(text.subject.contains("LXS-2026-0007 (Hemtjänst Norr)"), "\(kind)")
            #expect(!text.subject.contains("\n"))
            #expect(text.body.contains("Ärende: LXS-2026-0007\nTyp: Lex Sarah\nEnhet: Hemtjänst Norr"), "\(kind)")
            #expect(text.body.contains("Öppna ärendet: https://kvalitet.kommun.se/api/v1/lex-sarah/LXS-2026-0007"))
        }
    }

    @Test func aStatusChangeSaysFromWhatToWhatInWords() throws {
        let text = try #require(MailText.of(Self.facts("record.status_changed", previous: "inkommen")))
        #expect(text.subject == "Ny status för LXS-2026-0007 (Hemtjänst Norr): under utredning")
        #expect(text.body.hasPrefix("Ärendet har bytt status från inkommen till under utredning."))
    }

    @Test func aSeriousLexSarahReportSaysAnAnmalanToIVOIsDue() throws {
        let text = try #require(MailText.of(Self.facts("lex_sarah.anmalan_due")))
        #expect(text.subject == "Anmälan till IVO ska göras: LXS-2026-0007 (Hemtjänst Norr)")
        #expect(text.body.contains("Inspektionen för vård och omsorg (IVO) snarast"))
    }

    @Test func eachDeadlineCodeHasAReminderAndAnOverdueTextWithItsDate() throws {
        let due = try #require(LocalDate("2026-03-02"))
        let expected = [
            "ivo_uppfoljning": "Den färdiga utredningen ska skickas till IVO senast 2026-03-02.",
            "klagomal_bekraftelse": "Klagomålet ska bekräftas till den som lämnat det senast 2026-03-02.",
            "tillsyn_redovisning":
                "Redovisningen av vidtagna åtgärder ska lämnas till tillsynsmyndigheten senast 2026-03-02.",
        ]
        for (code, sentence) in expected {
            let reminder = try #require(MailText.deadline(code, dueOn: due, passed: false))
            #expect(reminder.subject == "Påminnelse: senast 2026-03-02" && reminder.body == sentence)
            let overdue = try #require(MailText.deadline(code, dueOn: due, passed: true))
            #expect(overdue.subject == "Tidsfristen har passerat (2026-03-02)")
            #expect(overdue.body.hasPrefix(sentence.dropLast() + ". Den dagen har passerat"))
        }
        #expect(MailText.deadline("okand", dueOn: due, passed: false) == nil)
    }

    @Test func theDeadlineKindsUseTheDeadlineTextAndNeedACodeAndDate() throws {
        let passed = try #require(
            MailText.of(Self.facts("deadline.passed", deadline: "ivo_uppfoljning", dueOn: "2026-03-02")))
        #expect(passed.subject == "Tidsfristen har passerat (2026-03-02): LXS-2026-0007 (Hemtjänst Norr)")
        #expect(passed.body.hasPrefix("Den färdiga utredningen ska skickas till IVO senast 2026-03-02."))
        #expect(MailText.of(Self.facts("deadline.approaching")) == nil)
        #expect(MailText.of(Self.facts("record.read")) == nil)
    }

    @Test func addressesAreLocalAtDomainInASCIIWithinSMTPsLimits() {
        for good in ["lexsarah@kommun.se", "a.b+c@sub.kommun.se", "x@127-0.example"] {
            #expect(MailRecipient.checkAddress(good) == nil, "\(good)")
        }
        let long = String(repeating: "a", count: 250) + "@k.se"
        for bad in ["", "ingen-snabel-a", "a@b", "@kommun.se", "a@@kommun.se", "a b@kommun.se", "<a@kommun.se>",
                    "åsa@kommun.se", "a@-kommun.se", "a@kommun..se", "a,b@kommun.se", long] {
            #expect(MailRecipient.checkAddress(bad)?.rule == .invalidFormat(example: "lexsarah@kommun.se"), "\(bad)")
        }
    }
}
