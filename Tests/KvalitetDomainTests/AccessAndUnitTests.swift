import KvalitetDomain
import Testing

@Suite("Roles and the organisation tree")
struct AccessAndUnitTests {
    @Test func theRoleTableGivesEachRoleWhatDesignSays() {
        #expect(Permission.manageTokens.allowed(for: .admin))
        #expect(Permission.changeRecord.allowed(for: .kvalitet) && !Permission.readAudit.allowed(for: .kvalitet))
        #expect(!Permission.writeUnits.allowed(for: .kvalitet))
        #expect(Permission.createRecord.allowed(for: .rapportor) && Permission.readRecord.allowed(for: .rapportor))
        #expect(Permission.listRecords.allowed(for: .rapportor) && !Permission.changeRecord.allowed(for: .rapportor))
        #expect(Permission.readAggregates.allowed(for: .lasare))
        #expect(!Permission.readRecord.allowed(for: .lasare) && !Permission.listRecords.allowed(for: .lasare))
    }

    @Test func aFormsApiTokenCreatesButNeverReadsBackWhileASignedInRapportorReadsTheirOwn() throws {
        let form = Actor(tokenName: "intranatformular", role: .rapportor, unitScope: nil)
        #expect(throws: Never.self) { try Permission.createRecord.check(form) }
        #expect(throws: DomainError.self) { try Permission.readRecord.check(form) }
        #expect(throws: DomainError.self) { try Permission.listRecords.check(form) }
        let anna = Person(subject: "s-1", displayName: "Anna Berg")
        let person = Actor(person: anna, role: .rapportor, unitScope: nil, client: "intranet")
        #expect(throws: Never.self) { try Permission.readRecord.check(person) }
        #expect(throws: Never.self) { try Permission.listRecords.check(person) }
        #expect(person.onlyOwnRecords && person.tokenName == "sub:s-1")
        #expect(throws: DomainError.self) { try Permission.changeRecord.check(person) }
    }

    @Test func unitIdsAreLowerCaseAsciiDigitsAndDashesUpTo64() {
        #expect(OrgUnit.isValidId("ifo-utredning-sektion-3"))
        #expect(!OrgUnit.isValidId("IFO"))
        #expect(!OrgUnit.isValidId("../etc"))
        #expect(!OrgUnit.isValidId("åkersberga"))
        #expect(!OrgUnit.isValidId(String(repeating: "a", count: 65)))
        #expect(!OrgUnit.isValidId(""))
    }

    @Test func aUnitWithoutDatesIsOpenOnEveryDate() {
        let unit = OrgUnit(id: "a", name: "A", level: .sektion, parentId: nil, area: nil)
        #expect(unit.isOpen(on: LocalDate("1990-01-01")!))
        let dated = OrgUnit(id: "b", name: "B", level: .sektion, parentId: nil, area: nil,
                            openedOn: LocalDate("2024-01-01"), closedOn: LocalDate("2024-12-31"))
        #expect(dated.isOpen(on: LocalDate("2024-01-01")!) && dated.isOpen(on: LocalDate("2024-12-31")!))
        #expect(!dated.isOpen(on: LocalDate("2023-12-31")!) && !dated.isOpen(on: LocalDate("2025-01-01")!))
    }

    @Test func treesInheritAreasFindSubtreesAndSpotCycles() {
        let tree = OrgTree([
            OrgUnit(id: "root", name: "R", level: .forvaltning, parentId: nil, area: "Barn och unga"),
            OrgUnit(id: "mid", name: "M", level: .avdelning, parentId: "root", area: nil),
            OrgUnit(id: "own", name: "O", level: .sektion, parentId: "mid", area: "Vuxna"),
            OrgUnit(id: "leaf", name: "L", level: .verksamhet, parentId: "own", area: nil),
        ])
        #expect(tree.effectiveArea(of: "mid") == "Barn och unga")
        #expect(tree.effectiveArea(of: "leaf") == "Vuxna")
        #expect(tree.subtree(of: "mid") == ["mid", "own", "leaf"])
        #expect(tree.wouldCreateCycle(id: "root", parentId: "leaf"))
        #expect(!tree.wouldCreateCycle(id: "leaf", parentId: "root"))
    }

    @Test func kodverkHasEveryListOnceWithLabels() {
        let names = Kodverk.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Kodverk.all.allSatisfy { list in list.codes.allSatisfy { !$0.label.isEmpty } })
        #expect(Kodverk.all.flatMap(\.codes).allSatisfy { $0.code.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") } })
    }
}
