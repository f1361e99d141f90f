import KvalitetDomain
import Testing

/// Which retention rule governs a record, and when it makes the record due.
@Suite("Retention rules (gallringsregler)")
struct GallringsregelTests {
    let tree = OrgTree([
        OrgUnit(id: "ifo", name: "IFO", level: .forvaltning, parentId: nil, area: nil),
        OrgUnit(id: "ifo-utr", name: "Utredning", level: .avdelning, parentId: "ifo", area: nil),
        OrgUnit(id: "vuxen", name: "Vuxen", level: .avdelning, parentId: nil, area: nil),
    ])

    func rule(_ id: String, unit: String?, years: Int, earkiv: Bool = false) -> Gallringsregel {
        Gallringsregel(id: id, family: .tillsynsbeslut, unitId: unit, years: years, basis: .closed,
                       decision: "Dnr 1", earkivRequired: earkiv)
    }

    @Test func theRuleOfTheNearestUnitGovernsElseTheFamilysRuleWithoutAUnit() {
        let rules = [rule("alla", unit: nil, years: 10), rule("ifo", unit: "ifo", years: 2)]
        #expect(Gallringsregel.governing(.tillsynsbeslut, units: ["ifo-utr"], among: rules, tree: tree)?.id == "ifo")
        #expect(Gallringsregel.governing(.tillsynsbeslut, units: ["vuxen"], among: rules, tree: tree)?.id == "alla")
        #expect(Gallringsregel.governing(.avvikelse, units: ["vuxen"], among: rules, tree: tree) == nil)
    }

    @Test func aRecordOfSeveralUnitsIsKeptAsLongAsTheLongestOfTheirRules() {
        let rules = [rule("ifo", unit: "ifo", years: 2), rule("vuxen", unit: "vuxen", years: 7)]
        #expect(Gallringsregel.governing(.tillsynsbeslut, units: ["ifo-utr", "vuxen"], among: rules, tree: tree)?.id
            == "vuxen")
    }

    @Test func aRecordIsDueOnTheFirstOfJanuaryAfterItsYearsHaveEndedAndNeverWhileOpen() {
        let candidate = GallringCandidate(
            id: CaseNumber(family: .tillsynsbeslut, year: 2024, sequence: 1), units: ["ifo"],
            primaryDate: LocalDate("2024-05-01")!, closedOn: LocalDate("2025-12-31")!, version: 3,
            updatedAt: .distantPast, namedByOpenTillsyn: false, delivered: false)
        let keep = rule("ifo", unit: "ifo", years: 2, earkiv: true)
        #expect(GallringVerdict.of(candidate, rule: keep, asOf: LocalDate("2027-12-31")!) == .keptUntil(LocalDate("2028-01-01")!))
        #expect(GallringVerdict.of(candidate, rule: keep, asOf: LocalDate("2028-01-01")!)
            == .due(rule: keep, needsDelivery: true))
        let open = GallringCandidate(
            id: candidate.id, units: ["ifo"], primaryDate: candidate.primaryDate, closedOn: nil, version: 1,
            updatedAt: .distantPast, namedByOpenTillsyn: false, delivered: false)
        #expect(GallringVerdict.of(open, rule: keep, asOf: LocalDate("2090-01-01")!) == .open)
    }
}
