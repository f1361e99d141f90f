import Foundation
import KvalitetDomain
import KvalitetStorage

/// The demo's records, one at a time, each taken through its workflow as staff would: every
/// create and every step goes through the bulk load's batch, with the same checks, case numbering,
/// facts, history and audit rows as the API; the loader decides how many records share one transaction.
struct DemoRecords: Sendable {
    let today: LocalDate
    let sections: [String]

    /// Writes record number `index` (0-based) of `item` and its workflow steps in `batch`.
    func write(
        _ item: DemoPlan.Item, index: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary,
        in batch: BulkBatch
    ) throws {
        switch item.family {
        case .avvikelse: try avvikelse(year: item.year, random: &random, summary: &summary, in: batch)
        case .klagomal:
            try klagomal(staff: index >= item.external, year: item.year, random: &random, summary: &summary, in: batch)
        case .lexSarah: try lexSarah(year: item.year, random: &random, summary: &summary, in: batch)
        case .riskanalys: try riskanalys(year: item.year, random: &random, summary: &summary, in: batch)
        case .egenkontroll:
            try egenkontroll(survey: index < 2, year: item.year, random: &random, summary: &summary, in: batch)
        case .tillsynsbeslut:
            try tillsynsbeslut(index: index, year: item.year, random: &random, summary: &summary, in: batch)
        }
    }

    // MARK: - Store steps

    func create<K: StoredKind>(
        _ fields: K.Fields, _ summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws -> CaseRecord<K> {
        let record: CaseRecord<K> = try batch.create(fields)
        summary.records += 1
        return record
    }

    /// A transition to `status` with the fields the step fills in.
    func step<K: StoredKind>(
        _ record: CaseRecord<K>, to status: K.Status, _ summary: inout DemoLoader.Summary, in batch: BulkBatch,
        _ change: (inout K.Fields) -> Void = { _ in }
    ) throws -> CaseRecord<K> {
        try self.change(record, to: status, &summary, in: batch, change)
    }

    /// An edit (PATCH) that keeps the status.
    func edit<K: StoredKind>(
        _ record: CaseRecord<K>, _ summary: inout DemoLoader.Summary, in batch: BulkBatch,
        _ change: (inout K.Fields) -> Void
    ) throws -> CaseRecord<K> {
        try self.change(record, to: nil, &summary, in: batch, change)
    }

    /// The record with `change` made to its fields: a transition when `status` is given, else an edit.
    private func change<K: StoredKind>(
        _ record: CaseRecord<K>, to status: K.Status?, _ summary: inout DemoLoader.Summary, in batch: BulkBatch,
        _ change: (inout K.Fields) -> Void
    ) throws -> CaseRecord<K> {
        var fields = record.fields
        change(&fields)
        summary.changes += 1
        return try batch.change(record, action: status == nil ? .update : .transition) { current, today in
            guard let status else { return try K.edit(current, to: fields) }
            return try K.transition(current, to: status, with: fields, today: today)
        }
    }

    func day(in year: Int, _ random: inout SplitMix64) -> LocalDate {
        let start = LocalDate(year: year, month: 1, day: 1)!.dayNumber
        let end = min(LocalDate(year: year, month: 12, day: 31)!.dayNumber, today.dayNumber)
        return LocalDate(dayNumber: Int.random(in: start...max(start, end), using: &random))
    }

    /// `days` after `date` when that is not after today.
    func after(_ date: LocalDate, _ days: Int) -> LocalDate? {
        let later = LocalDate(dayNumber: date.dayNumber + days)
        return later <= today ? later : nil
    }

    // MARK: - Families

    private func avvikelse(
        year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let received = day(in: year, &random)
        let category = random.pick([
            (AvvikelseCategory.dokumentation, 30), (.handlaggning, 22), (.utforandeAvInsats, 15), (.sekretess, 10),
            (.bemotande, 8), (.handlingar, 6), (.tillganglighet, 4), (.lokaler, 2), (.ovrigt, 3),
        ])
        var record: CaseRecord<Avvikelse> = try create(
            Avvikelse.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Avvikelse inom \(category.label.lowercased())",
                receivedOn: received,
                occurredOn: LocalDate(dayNumber: received.dayNumber - Int.random(in: 0...5, using: &random)),
                category: category), &summary, in: batch)
        guard let started = after(received, 2) else { return }
        record = try step(record, to: .underUtredning, &summary, in: batch)
        guard let closed = after(started, Int.random(in: 5...70, using: &random)), random.chance(92) else { return }
        let cause = random.pick([
            (RootCause.rutinEjFoljd, 30), (.rutinSaknasEllerOtydlig, 20), (.kunskapSaknas, 15),
            (.samverkanKommunikation, 12),
            (.arbetsmiljo, 8), (.teknikVerksamhetssystem, 8), (.arbetsledning, 4), (.ovrigt, 3),
        ])
        _ = try step(record, to: .avslutad, &summary, in: batch) {
            $0.closedOn = closed; $0.rootCauses = [cause]
        }
    }

    private func klagomal(
        staff: Bool, year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let received = day(in: year, &random)
        let submitter: KlagomalSubmitter =
            staff
            ? .personal
            : random.pick([
                (.brukare, 45), (.narstaende, 30), (.anonym, 10), (.myndighet, 5),
                (.vardgivare, 4), (.annanUtforare, 3), (.foreningOrganisation, 3),
            ])
        let subject = random.pick([
            (KlagomalSubject.bemotande, 25), (.handlaggning, 22), (.beslut, 18), (.insats, 12), (.tillganglighet, 10),
            (.information, 7), (.boendemiljo, 4), (.ovrigt, 2),
        ])
        var record: CaseRecord<Klagomal> = try create(
            Klagomal.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Synpunkt om \(subject.label.lowercased())",
                receivedOn: received,
                source: staff ? .personal : .utomstaende, submitter: submitter,
                type: random.pick([(.klagomal, 70), (.synpunkt, 25), (.berom, 5)]), subject: subject,
                acknowledgedOn: after(received, 1)), &summary, in: batch)
        guard let started = after(received, 3) else { return }
        record = try step(record, to: .underUtredning, &summary, in: batch)
        guard let closed = after(started, Int.random(in: 5...45, using: &random)), random.chance(90) else { return }
        _ = try step(record, to: .avslutad, &summary, in: batch) {
            $0.closedOn = closed
            $0.outcome = random.chance(40) ? .avvikelseKonstaterad : .ingenAvvikelse
        }
    }

    private func lexSarah(
        year: Int, random: inout SplitMix64, summary: inout DemoLoader.Summary, in batch: BulkBatch
    ) throws {
        let reported = day(in: year, &random)
        var record: CaseRecord<LexSarah> = try create(
            LexSarah.Fields(
                unitId: sections.randomElement(using: &random)!, title: "Rapport enligt lex Sarah",
                reportedOn: reported,
                reporterRole: random.pick([
                    (.anstalld, 85), (.uppdragstagare, 8), (.praktikant, 5), (.deltagareArbetsmarknadsprogram, 2),
                ]),
                kinds: Self.lexSarahKinds(&random),
                immediateMeasures: .init(description: "Omedelbara åtgärder vidtagna", takenOn: reported)), &summary,
            in: batch)
        record = try step(record, to: .underUtredning, &summary, in: batch) {
            $0.investigation = .init(investigator: "Utredare", startedOn: reported)
        }
        let assessment = random.pick([
            (LexSarahAssessment.ejMissforhallande, 45), (.patagligRiskForMissforhallande, 20), (.missforhallande, 22),
            (.patagligRiskForAllvarligtMissforhallande, 6), (.allvarligtMissforhallande, 7),
        ])
        let serious =
            assessment == .patagligRiskForAllvarligtMissforhallande || assessment == .allvarligtMissforhallande
        if serious, let toIvo = after(reported, Int.random(in: 2...10, using: &random)) {
            record = try edit(record, &summary, in: batch) { $0.ivo = .init(reportedOn: toIvo, channel: .eTjanst) }
        }
        // Most investigations finish; a few of the last year's are still running.
        guard let completed = after(reported, Int.random(in: 20...75, using: &random)),
            random.chance(year < today.year - 1 ? 99 : 90)
        else { return }
        record = try step(record, to: .bedomd, &summary, in: batch) {
            $0.investigation?.completedOn = completed
            $0.investigation?.assessment = assessment
            $0.investigation?.motivation = "Bedömning enligt utredningen"
            $0.rootCauses = [
                random.pick([
                    (.rutinEjFoljd, 40), (.kunskapSaknas, 30), (.arbetsledning, 15), (.samverkanKommunikation, 15),
                ])
            ]
        }
        let sent = record.fields.ivo.flatMap {
            after(max($0.reportedOn, completed), Int.random(in: 1...20, using: &random))
        }
        let committee =
            assessment == .ejMissforhallande ? nil : after(completed, Int.random(in: 7...40, using: &random))
        guard assessment == .ejMissforhallande || committee != nil else { return }
        guard !serious || sent != nil else { return }
        record = try edit(record, &summary, in: batch) {
            $0.committeeDecidedOn = committee
            $0.ivo?.investigationSentOn = sent
        }
        guard let closed = after(committee ?? completed, Int.random(in: 1...14, using: &random)) else { return }
        _ = try step(record, to: .avslutad, &summary, in: batch) { $0.closedOn = closed }
    }
}
