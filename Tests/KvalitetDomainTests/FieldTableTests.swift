import KvalitetDomain
import Testing

/// The field tables are the one description of each family: what follows from them must be what
/// the API has always said.
@Suite("Field tables")
struct FieldTableTests {
    @Test func everyFamilyIsRegisteredOnceWithItsOwnKind() {
        let families = RecordFamily.allCases.map { $0.kind.family }
        #expect(families == RecordFamily.allCases)
    }

    @Test func noFamilyNamesAFieldTwice() {
        for family in RecordFamily.allCases {
            let keys = family.kind.fieldKeys
            #expect(Set(keys).count == keys.count, "\(family)")
        }
    }

    @Test func transitionOnlyFieldsFollowFromTheTable() {
        #expect(Avvikelse.transitionOnlyFields == ["closedOn"])
        #expect(Klagomal.transitionOnlyFields == ["closedOn", "outcome"])
        #expect(LexSarah.transitionOnlyFields == ["closedOn"])
        #expect(Riskanalys.transitionOnlyFields.isEmpty)
    }

    @Test func freeTextPathsIncludeNestedTextAndLeaveCodesOut() {
        #expect(LexSarah.fieldTable.freeTextPaths == ["title", "description", "measures", "notes",
                                                      "immediateMeasures/description",
                                                      "investigation/investigator", "investigation/motivation"])
        #expect(Riskanalys.fieldTable.freeTextPaths == ["title", "description", "measures", "participants",
                                                        "risks/*/description", "risks/*/measures"])
        #expect(Tillsynsbeslut.fieldTable.freeTextPaths == ["title", "description", "measures", "summary"])
    }

    @Test func csvColumnsFlattenNestedPartsInTableOrderWithComputedValuesLast() {
        #expect(LexSarah.fieldTable.csvColumns == [
            "unitId", "title", "description", "reportedOn", "reporterRole", "occurredOn", "kinds", "rootCauses",
            "immediateMeasures/description", "immediateMeasures/takenOn", "investigation/investigator",
            "investigation/startedOn", "investigation/completedOn", "investigation/assessment",
            "investigation/motivation", "notes", "committeeDecidedOn", "ivo/reportedOn", "ivo/channel",
            "ivo/caseNumber", "ivo/investigationSentOn",
            "measures", "closedOn", "deadlines/investigationToIvoBy", "deadlines/overdue",
        ])
        #expect(Egenkontroll.fieldTable.csvColumns.contains("survey/offered"))
    }

    @Test func everyCSVColumnOfEveryFamilyHasItsOwnSwedishLabel() {
        func check<Kind: RecordKind>(_ table: FieldTable<Kind>) {
            let labels = table.csvLabels
            #expect(Set(labels.keys) == Set(table.csvColumns), "\(Kind.family)")
            #expect(!labels.values.contains(""), "\(Kind.family)")
            #expect(Set(labels.values).count == labels.count, "\(Kind.family): two columns share a label")
        }
        check(Avvikelse.fieldTable)
        check(Klagomal.fieldTable)
        check(LexSarah.fieldTable)
        check(Riskanalys.fieldTable)
        check(Egenkontroll.fieldTable)
        check(Tillsynsbeslut.fieldTable)
    }

    @Test func codeColumnsCarryTheirKodverksLabels() {
        #expect(Avvikelse.fieldTable.csvCodeLabels["category"] == AvvikelseCategory.labelsByCode)
        #expect(LexSarah.fieldTable.csvCodeLabels["kinds"] == LexSarahKind.labelsByCode)
        #expect(LexSarah.fieldTable.csvCodeLabels["investigation/assessment"] == LexSarahAssessment.labelsByCode)
        #expect(LexSarah.fieldTable.csvCodeLabels["ivo/channel"] == IvoChannel.labelsByCode)
        #expect(Klagomal.fieldTable.csvCodeLabels["outcome"] == KlagomalOutcome.labelsByCode)
        #expect(LexSarah.fieldTable.csvCodeLabels["title"] == nil)
    }

    @Test func serverManagedNotesAreShownButNeverEditable() {
        let table = LexSarah.fieldTable
        #expect(table.serverManagedKeys == ["notes"])
        #expect(!table.editableKeys.contains("notes") && table.keys.contains("notes"))
    }

    @Test func factsAreTheSingleValuesThatAreNotFreeText() {
        let fields = Klagomal.Fields(unitId: "u", title: "t", receivedOn: LocalDate("2025-01-02")!,
                                     source: .utomstaende,
                                     submitter: .brukare, type: .klagomal, subject: .beslut)
        let context = FieldContext(today: LocalDate("2025-01-02")!, settings: RecordSettings())
        #expect(Klagomal.fieldTable.facts(fields, context).map(\.key) == [
            "unitId", "receivedOn", "source", "submitter", "type", "subject", "acknowledgedOn", "respondedOn",
            "closedOn", "outcome",
        ])
    }
}

extension RecordKind {
    static var fieldKeys: [String] { fieldTable.keys }
}
