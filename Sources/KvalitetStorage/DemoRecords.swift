import Foundation
import KvalitetDomain

/// The demo's records, family by family, each taken through its workflow as staff would.
struct DemoRecords: Sendable {
    let database: KvalitetDatabase
    let actor: Actor
    let today: LocalDate
    let sections: [String]

    private func day(in year: Int, _ random: inout SplitMix64) -> LocalDate {
        let start = LocalDate(year: year, month: 1, day: 1)!.dayNumber
        let end = min(LocalDate(year: year, month: 12, day: 31)!.dayNumber, today.dayNumber)
        return LocalDate(dayNumber: Int.random(in: start...max(start, end), using: &random))
    }

    /// `days` after `date` when that is not after today.
    private func after(_ date: LocalDate, _ days: Int) -> LocalDate? {
        let later = LocalDate(dayNumber: date.dayNumber + days)
        return later <= today ? later : nil
    }

    private func step<K: StoredKind>(_ store: RecordStore<K>, _ record: CaseRecord<K>, to status: K.Status,
                                     _ change: (inout K.Fields) -> Void = { _ in }) async throws -> CaseRecord<K> {
        var fields = record.fields
        change(&fields)
        let next = fields
        return try await store.change(record.id, expectedVersion: record.version, by: actor, action: .transition) { current, today in
            try K.transition(current, to: status, with: next, today: today)
        }
    }

    func avvikelser(_ count: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<Avvikelse>(database)
        for _ in 0..<count {
            let received = day(in: year, &random)
            let category = random.pick([(AvvikelseCategory.dokumentation, 30), (.handlaggning, 22), (.utforandeAvInsats, 15), (.sekretess, 10),
                                        (.bemotande, 8), (.handlingar, 6), (.tillganglighet, 4), (.lokaler, 2), (.ovrigt, 3)])
            var record = try await store.create(Avvikelse.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Avvikelse inom \(category.label.lowercased())",
                receivedOn: received, occurredOn: LocalDate(dayNumber: received.dayNumber - Int.random(in: 0...5, using: &random)),
                category: category), by: actor).record
            summary.records += 1
            guard let started = after(received, 2) else { continue }
            record = try await step(store, record, to: .underUtredning)
            summary.changes += 1
            guard let closed = after(started, Int.random(in: 5...70, using: &random)), random.chance(92) else { continue }
            let cause = random.pick([(RootCause.rutinEjFoljd, 30), (.rutinSaknasEllerOtydlig, 20), (.kunskapSaknas, 15), (.samverkanKommunikation, 12),
                                     (.arbetsmiljo, 8), (.teknikVerksamhetssystem, 8), (.arbetsledning, 4), (.ovrigt, 3)])
            record = try await step(store, record, to: .avslutad) { $0.closedOn = closed; $0.rootCauses = [cause] }
            summary.changes += 1
        }
        return summary
    }

    func klagomal(_ external: Int, personal: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<Klagomal>(database)
        for index in 0..<(external + personal) {
            let staff = index >= external
            let received = day(in: year, &random)
            let submitter: KlagomalSubmitter = staff ? .personal : random.pick([(.brukare, 45), (.narstaende, 30), (.anonym, 10), (.myndighet, 5),
                                                                                (.vardgivare, 4), (.annanUtforare, 3), (.foreningOrganisation, 3)])
            let subject = random.pick([(KlagomalSubject.bemotande, 25), (.handlaggning, 22), (.beslut, 18), (.insats, 12), (.tillganglighet, 10),
                                       (.information, 7), (.boendemiljo, 4), (.ovrigt, 2)])
            var record = try await store.create(Klagomal.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Synpunkt om \(subject.label.lowercased())", receivedOn: received,
                source: staff ? .personal : .utomstaende, submitter: submitter,
                type: random.pick([(.klagomal, 70), (.synpunkt, 25), (.berom, 5)]), subject: subject,
                acknowledgedOn: after(received, 1)), by: actor).record
            summary.records += 1
            guard let started = after(received, 3) else { continue }
            record = try await step(store, record, to: .underUtredning)
            guard let closed = after(started, Int.random(in: 5...45, using: &random)), random.chance(90) else { continue }
            record = try await step(store, record, to: .avslutad) {
                $0.closedOn = closed
                $0.outcome = random.chance(40) ? .avvikelseKonstaterad : .ingenAvvikelse
            }
            summary.changes += 2
        }
        return summary
    }

    func lexSarah(_ count: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<LexSarah>(database)
        for _ in 0..<count {
            let reported = day(in: year, &random)
            var record = try await store.create(LexSarah.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Rapport enligt lex Sarah", reportedOn: reported,
                reporterRole: random.pick([(.anstalld, 85), (.uppdragstagare, 8), (.praktikant, 5), (.deltagareArbetsmarknadsprogram, 2)]),
                category: random.pick([(.utforandeAvInsats, 30), (.handlaggning, 25), (.sekretess, 15), (.bemotande, 15), (.dokumentation, 15)]),
                immediateMeasures: .init(description: "Omedelbara åtgärder vidtagna", takenOn: reported)), by: actor).record
            summary.records += 1
            record = try await step(store, record, to: .underUtredning) { $0.investigation = .init(investigator: "Utredare", startedOn: reported) }
            let assessment = random.pick([(LexSarahAssessment.ejMissforhallande, 45), (.patagligRiskForMissforhallande, 20), (.missforhallande, 22),
                                          (.patagligRiskForAllvarligtMissforhallande, 6), (.allvarligtMissforhallande, 7)])
            let serious = assessment == .patagligRiskForAllvarligtMissforhallande || assessment == .allvarligtMissforhallande
            if serious, let toIvo = after(reported, Int.random(in: 2...10, using: &random)) {
                record = try await store.change(record.id, expectedVersion: record.version, by: actor, action: .update) { current, _ in
                    var fields = current.fields
                    fields.ivo = .init(reportedOn: toIvo, channel: .eTjanst)
                    return try LexSarah.edit(current, to: fields)
                }
            }
            // Most investigations finish; a few of the last year's are still running.
            guard let completed = after(reported, Int.random(in: 20...75, using: &random)), random.chance(year < today.year - 1 ? 99 : 90) else { continue }
            record = try await step(store, record, to: .bedomd) {
                $0.investigation?.completedOn = completed
                $0.investigation?.assessment = assessment
                $0.investigation?.motivation = "Bedömning enligt utredningen"
                $0.rootCauses = [random.pick([(.rutinEjFoljd, 40), (.kunskapSaknas, 30), (.arbetsledning, 15), (.samverkanKommunikation, 15)])]
            }
            let sent = record.fields.ivo.flatMap { after(max($0.reportedOn, completed), Int.random(in: 1...20, using: &random)) }
            let committee = assessment == .ejMissforhallande ? nil : after(completed, Int.random(in: 7...40, using: &random))
            guard assessment == .ejMissforhallande || committee != nil else { continue }
            guard !serious || sent != nil else { continue }
            record = try await store.change(record.id, expectedVersion: record.version, by: actor, action: .update) { current, _ in
                var fields = current.fields
                fields.committeeDecidedOn = committee
                fields.ivo?.investigationSentOn = sent
                return try LexSarah.edit(current, to: fields)
            }
            guard let closed = after(committee ?? completed, Int.random(in: 1...14, using: &random)) else { continue }
            record = try await step(store, record, to: .avslutad) { $0.closedOn = closed }
            summary.changes += 4
        }
        return summary
    }

    func riskanalyser(_ count: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<Riskanalys>(database)
        for _ in 0..<count {
            let planned = day(in: year, &random)
            let risks = (0..<Int.random(in: 1...4, using: &random)).map { index in
                Risk(description: "Risk \(index + 1)", probability: Int.random(in: 1...4, using: &random), consequence: Int.random(in: 1...4, using: &random))
            }
            var record = try await store.create(Riskanalys.Fields(
                unitIds: [sections.randomElement(using: &random)!], title: "Riskanalys",
                trigger: random.pick([(.forandringOrganisation, 30), (.nyttArbetssatt, 25), (.personalforandring, 15), (.avvikelser, 15),
                                      (.namndbeslut, 10), (.ovrigt, 5)]), plannedOn: planned, risks: risks), by: actor).record
            summary.records += 1
            guard let performed = after(planned, Int.random(in: 0...20, using: &random)), random.chance(85) else { continue }
            record = try await step(store, record, to: .pagaende)
            record = try await step(store, record, to: .genomford) { $0.performedOn = performed; $0.documented = random.chance(80) }
            summary.changes += 2
        }
        return summary
    }

    func egenkontroller(_ count: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<Egenkontroll>(database)
        for index in 0..<count {
            let planned = day(in: year, &random)
            let survey = index < 2
            var record = try await store.create(Egenkontroll.Fields(
                unitIds: survey ? ["socialforvaltningen"] : [sections.randomElement(using: &random)!], title: survey ? "Brukarundersökning" : "Egenkontroll",
                area: survey ? .enskildasUpplevelser : random.pick([(.handlaggningDokumentation, 40), (.loggkontroll, 20), (.boende, 15), (.utbetalningar, 15), (.ovrigt, 10)]),
                method: survey ? .brukarundersokning : random.pick([(.aktgranskning, 45), (.loggkontroll, 20), (.tjanstegenomgang, 20), (.statistikuppfoljning, 15)]),
                plannedOn: planned), by: actor).record
            summary.records += 1
            guard let performed = after(planned, Int.random(in: 0...30, using: &random)), random.chance(85) else { continue }
            let offered = Int.random(in: 900...2500, using: &random)
            record = try await step(store, record, to: .pagaende)
            record = try await step(store, record, to: .genomford) {
                $0.performedOn = performed
                $0.result = "Resultatet redovisat för ledningsgruppen"
                $0.documented = random.chance(85)
                $0.deficienciesFound = random.chance(35)
                if survey { $0.survey = Survey(offered: offered, responses: offered * Int.random(in: 38...55, using: &random) / 100) }
            }
            summary.changes += 2
        }
        return summary
    }

    func tillsyn(_ count: Int, year: Int, random: inout SplitMix64, summary: Summary) async throws -> Summary {
        var summary = summary
        let store = RecordStore<Tillsynsbeslut>(database)
        for index in 0..<count {
            let authority: TillsynAuthority = index == 0 && year % 2 == 0 ? .jo : .ivo
            // Often two decisions in one IVO case: the first with deficiencies, the follow-up without.
            let caseIndex = authority == .ivo ? index / 2 : index
            _ = try await store.create(Tillsynsbeslut.Fields(
                unitIds: [sections.randomElement(using: &random)!], title: "Beslut från \(authority.rawValue.uppercased())", authority: authority,
                caseNumber: "\(authority == .ivo ? "3.5.1-" : "")\(1000 + caseIndex)/\(year)", decidedOn: day(in: year, &random),
                subject: random.pick([(.tillsynMyndighetsutovning, 40), (.lexSarah, 25), (.tillsynHvbStodboende, 20), (.klagomal, 10), (.ovrigt, 5)]),
                deficienciesFound: index % 2 == 0), by: actor)
            summary.records += 1
        }
        return summary
    }
}

typealias Summary = DemoLoader.Summary
