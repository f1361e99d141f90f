import Foundation
import KvalitetDomain
import KvalitetStorage

/// The demo's planned work: risk analyses, self-inspections and supervisory decisions, each taken
/// through its workflow with the same store steps as the records in `DemoRecords.swift`.
extension DemoRecords {
    func riskanalys(
        year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let planned = day(in: year, &random)
        let risks = (0..<Int.random(in: 1...4, using: &random)).map { index in
            Risk(
                description: "Risk \(index + 1)", probability: Int.random(in: 1...4, using: &random),
                consequence: Int.random(in: 1...4, using: &random))
        }
        var record: CaseRecord<Riskanalys> = try create(
            Riskanalys.Fields(
                unitIds: [sections.randomElement(using: &random)!], title: "Riskanalys",
                trigger: random.pick([
                    (.forandringOrganisation, 30), (.nyttArbetssatt, 25), (.personalforandring, 15), (.avvikelser, 15),
                    (.namndbeslut, 10), (.ovrigt, 5),
                ]), plannedOn: planned, risks: risks), &summary, in: batch)
        guard let performed = after(planned, Int.random(in: 0...20, using: &random)), random.chance(85) else { return }
        record = try step(record, to: .pagaende, &summary, in: batch)
        _ = try step(record, to: .genomford, &summary, in: batch) {
            $0.performedOn = performed; $0.documented = random.chance(80)
        }
    }

    func egenkontroll(
        survey: Bool, year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let planned = day(in: year, &random)
        var record: CaseRecord<Egenkontroll> = try create(
            Egenkontroll.Fields(
                unitIds: survey ? ["socialforvaltningen"] : [sections.randomElement(using: &random)!],
                title: survey ? "Brukarundersökning" : "Egenkontroll",
                area: survey
                    ? .enskildasUpplevelser
                    : random.pick([
                        (.handlaggningDokumentation, 40), (.loggkontroll, 20), (.boende, 15), (.utbetalningar, 15),
                        (.ovrigt, 10),
                    ]),
                method: survey
                    ? .brukarundersokning
                    : random.pick([
                        (.aktgranskning, 45), (.loggkontroll, 20), (.tjanstegenomgang, 20), (.statistikuppfoljning, 15),
                    ]),
                plannedOn: planned), &summary, in: batch)
        guard let performed = after(planned, Int.random(in: 0...30, using: &random)), random.chance(85) else { return }
        let offered = Int.random(in: 900...2500, using: &random)
        record = try step(record, to: .pagaende, &summary, in: batch)
        _ = try step(record, to: .genomford, &summary, in: batch) {
            $0.performedOn = performed
            $0.result = "Resultatet redovisat för ledningsgruppen"
            $0.documented = random.chance(85)
            $0.deficienciesFound = random.chance(35)
            if survey {
                $0.survey = Survey(offered: offered, responses: offered * Int.random(in: 38...55, using: &random) / 100)
            }
        }
    }

    func tillsynsbeslut(
        index: Int, year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let authority: TillsynAuthority = index == 0 && year % 2 == 0 ? .jo : .ivo
        // Often two decisions in one IVO case: the first with deficiencies, the follow-up without.
        let caseIndex = authority == .ivo ? index / 2 : index
        let _: CaseRecord<Tillsynsbeslut> = try create(
            Tillsynsbeslut.Fields(
                unitIds: [sections.randomElement(using: &random)!],
                title: "Beslut från \(authority.rawValue.uppercased())", authority: authority,
                caseNumber: "\(authority == .ivo ? "3.5.1-" : "")\(1000 + caseIndex)/\(year)",
                decidedOn: day(in: year, &random),
                subject: random.pick([
                    (.tillsynMyndighetsutovning, 40), (.lexSarah, 25), (.tillsynHvbStodboende, 20), (.klagomal, 10),
                    (.ovrigt, 5),
                ]),
                deficienciesFound: index % 2 == 0), &summary, in: batch)
    }
}
