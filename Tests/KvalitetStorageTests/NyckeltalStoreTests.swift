import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// KF24 of the reference analysis: higher is better, 0–75 / 76–90 / 91–100.
func kf24(name: String = "Andel ej återaktualiserade barn 0–12 år") -> Nyckeltal {
    func range(_ min: Int, _ max: Int) -> QualityRange { QualityRange(min: FixedDecimal(hundredths: min * 100), max: FixedDecimal(hundredths: max * 100)) }
    return Nyckeltal(code: "KF24", name: name, description: "", unit: .procent, direction: .higherIsBetter, koladaKpi: "U33461",
                     source: "Egen mätning", qualityLevels: QualityLevels(rod: range(0, 75), gul: range(76, 90), gron: range(91, 100)))
}

@Suite struct NyckeltalStoreTests {
    let admin = TestDatabase.admin

    @Test func putReplacesOnlyWithTheCurrentVersionAndKeepsHistory() async throws {
        let test = try TestDatabase()
        let store = NyckeltalStore(test.database)
        let (first, created) = try await store.put(kf24(), ifMatch: nil, by: admin)
        #expect(created && first.version == 1)
        await #expect(throws: DomainError.versionRequired(current: 1)) { try await store.put(kf24(), ifMatch: nil, by: admin) }
        await #expect(throws: DomainError.staleVersion(current: 1)) { try await store.put(kf24(), ifMatch: 7, by: admin) }
        let (second, again) = try await store.put(kf24(name: "Nytt namn"), ifMatch: 1, by: admin)
        #expect(!again && second.version == 2 && second.nyckeltal.name == "Nytt namn")
        let voided = try await store.void("KF24", ifMatch: 2, reason: "ersatt", by: admin)
        #expect(voided.voided?.reason == "ersatt")
        #expect(try await store.list(includeVoided: false).isEmpty)
        #expect(try await store.list(includeVoided: true).count == 1)
        let history = try await store.history("KF24")
        #expect(history.map(\.action) == [.create, .update, .void])
        #expect(history.first?.stored.nyckeltal.name == kf24().name)
        await #expect(throws: DomainError.self) { try await store.putValue(code: "KF24", period: NyckeltalPeriod("2018")!, unitId: nil,
                                                                           value: FixedDecimal(hundredths: 1), ifMatch: nil, by: admin) }
        // Nothing is deleted, not even by SQL.
        await #expect(throws: DatabaseError.self) { try await test.database.pool.write { try $0.execute(sql: "DELETE FROM nyckeltal") } }
    }

    @Test func valuesAreKeyedByUnitAndPeriodAndScoped() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = NyckeltalStore(test.database)
        try await store.put(kf24(), ifMatch: nil, by: admin)
        let y2018 = NyckeltalPeriod("2018")!, h1 = NyckeltalPeriod("2018H1")!
        try await store.putValue(code: "KF24", period: y2018, unitId: nil, value: FixedDecimal("67")!, ifMatch: nil, by: admin)
        try await store.putValue(code: "KF24", period: h1, unitId: "ifo-utr", value: FixedDecimal("80.5")!, ifMatch: nil, by: admin)
        try await store.putValue(code: "KF24", period: h1, unitId: "vuxen", value: FixedDecimal("95")!, ifMatch: nil, by: admin)
        await #expect(throws: DomainError.versionRequired(current: 1)) {
            try await store.putValue(code: "KF24", period: y2018, unitId: nil, value: FixedDecimal("70")!, ifMatch: nil, by: admin)
        }
        let (replaced, created) = try await store.putValue(code: "KF24", period: y2018, unitId: nil, value: FixedDecimal("70")!, ifMatch: 1, by: admin)
        #expect(!created && replaced.version == 2)
        await #expect(throws: DomainError.invalid([FieldProblem("/unitId", .unknownUnit(unitId: "nowhere"))])) {
            try await store.putValue(code: "KF24", period: y2018, unitId: "nowhere", value: FixedDecimal("1")!, ifMatch: nil, by: admin)
        }
        let all = try await store.values(code: "KF24", query: NyckeltalValueQuery(), by: admin)
        #expect(all.map { "\($0.period)/\($0.unitId ?? "-")/\($0.value)" } == ["2018/-/70", "2018H1/ifo-utr/80.5", "2018H1/vuxen/95"])
        let ifo = Actor(tokenName: "ifo", role: .kvalitet, unitScope: ["ifo"])
        #expect(try await store.values(code: "KF24", query: NyckeltalValueQuery(), by: ifo).map(\.unitId) == [nil, "ifo-utr"])
        #expect(try await store.values(code: "KF24", query: NyckeltalValueQuery(unitId: "ifo"), by: admin).map(\.unitId) == ["ifo-utr"])
        let h2 = NyckeltalValueQuery(from: NyckeltalPeriod("2018H2"), to: NyckeltalPeriod("2019"))
        #expect(try await store.values(code: "KF24", query: h2, by: admin).map(\.period.description) == ["2018"])
        await #expect(throws: DomainError.self) {
            try await store.putValue(code: "KF24", period: y2018, unitId: "vuxen", value: FixedDecimal("1")!, ifMatch: nil, by: ifo)
        }
        await #expect(throws: DomainError.forbidden("a token limited to units may not change organisation-wide key figures")) {
            try await store.putValue(code: "KF24", period: h1, unitId: nil, value: FixedDecimal("1")!, ifMatch: nil, by: ifo)
        }
    }

    @Test func analysesKeepEveryVersionAndAuditReads() async throws {
        let test = try TestDatabase()
        let store = NyckeltalStore(test.database)
        try await store.put(kf24(), ifMatch: nil, by: admin)
        let h1 = NyckeltalPeriod("2018H1")!
        let text = NyckeltalAnalysis(currentState: "Resultatet 67 % är för halvåret", factors: "Fler anmälningar", measures: "", consequences: "")
        try await store.putAnalysis(code: "KF24", period: h1, analysis: text, ifMatch: nil, by: admin)
        var changed = text
        changed.measures = "Familjeterapeututbildning"
        try await store.putAnalysis(code: "KF24", period: h1, analysis: changed, ifMatch: 1, by: admin)
        #expect(try await store.analysis(code: "KF24", period: h1, by: admin).analysis == changed)
        #expect(try await store.analysisHistory(code: "KF24", period: h1, by: admin).map(\.analysis) == [text, changed])
        #expect(try await store.analyses(code: "KF24").map(\.version) == [2])
        let audit = try await AuditLog(test.database).entries(AuditQuery(recordId: "nyckeltal/KF24/analyses/2018H1"))
        #expect(audit.map(\.action) == ["history", "read", "update", "create"])
        await #expect(throws: DomainError.notFound("no analysis of KF24 for 2019")) {
            try await store.analysis(code: "KF24", period: NyckeltalPeriod("2019")!, by: admin)
        }
    }

    @Test func koladaValuesAreUpsertedAndTheReportComparesWithTheLatestImport() async throws {
        let test = try TestDatabase()
        let store = NyckeltalStore(test.database), kolada = KoladaStore(test.database)
        try await store.put(kf24(), ifMatch: nil, by: admin)
        try await store.putValue(code: "KF24", period: NyckeltalPeriod("2025")!, unitId: nil, value: FixedDecimal("88")!, ifMatch: nil, by: admin)
        try await store.putValue(code: "KF24", period: NyckeltalPeriod("2024")!, unitId: nil, value: FixedDecimal("70")!, ifMatch: nil, by: admin)
        let at = TestDatabase.noon
        func value(_ id: String, _ year: Int, _ v: Double) -> KoladaValue { KoladaValue(kpi: "U33461", municipality: id, year: year, value: v, fetchedAt: at) }
        try await kolada.store(kpi: "U33461", municipality: "1315", group: "G36535", years: 2024...2025,
                               values: [value("1315", 2025, 80), value("G36535", 2025, 85), value("0000", 2025, 86.5)], by: admin)
        try await kolada.store(kpi: "U33461", municipality: "1315", group: "G36535", years: 2025...2025,
                               values: [value("1315", 2025, 81)], by: admin)
        #expect(try await kolada.values(kpi: "U33461").map(\.value) == [86.5, 81, 85])
        let report = try await ReportStore(test.database).kvalitetsberattelse(ReportRequest(year: 2025, unitId: nil), by: admin)
        let figure = try #require(report.nyckeltal.first)
        #expect(figure.value == FixedDecimal("88") && figure.level == .gul && figure.previousYear == FixedDecimal("70") && figure.previousLevel == .rod)
        #expect(figure.comparison == KoladaComparison(kpi: "U33461", municipalityId: "1315", municipality: 81, groupId: "G36535", group: 85, national: 86.5))
    }
}
