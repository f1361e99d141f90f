import KvalitetDomain
import Testing

@Suite("Kodverk")
struct KodverkTests {
    @Test func everyCodeIsLowerCaseAsciiSnakeCase() {
        for list in Kodverk.all {
            for (code, _) in list.codes {
                #expect(!code.isEmpty && code.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 95 }, "\(list.name): \(code)")
            }
        }
    }

    @Test func everyCodeHasASwedishLabel() {
        for list in Kodverk.all { for (code, label) in list.codes { #expect(!label.isEmpty, "\(list.name): \(code)") } }
    }

    @Test func listNamesAreUnique() {
        let names = Kodverk.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func everyFamilysCodeListsAreListed() {
        let names = Set(Kodverk.all.map(\.name))
        for name in [KlagomalStatus.listName, KlagomalSubmitter.listName, KlagomalOutcome.listName, LexSarahStatus.listName,
                     LexSarahAssessment.listName, ReporterRole.listName, NoteKind.listName, IvoChannel.listName,
                     RiskanalysStatus.listName, RiskTrigger.listName, RiskLevel.listName, EgenkontrollStatus.listName,
                     EgenkontrollArea.listName, EgenkontrollMethod.listName, TillsynsbeslutStatus.listName,
                     TillsynAuthority.listName, TillsynSubject.listName] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test func theLabelsUseSwedishLetters() {
        #expect(LexSarahAssessment.patagligRiskForAllvarligtMissforhallande.label == "Påtaglig risk för allvarligt missförhållande")
        #expect(KlagomalType.berom.label == "Beröm")
    }
}
