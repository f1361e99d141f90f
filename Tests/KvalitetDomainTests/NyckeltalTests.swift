import KvalitetDomain
import Testing

private func n(_ text: String) -> FixedDecimal { FixedDecimal(text)! }

private func levels(_ rod: (String, String), _ gul: (String, String), _ gron: (String, String)) -> QualityLevels {
    QualityLevels(rod: QualityRange(min: n(rod.0), max: n(rod.1)), gul: QualityRange(min: n(gul.0), max: n(gul.1)),
                  gron: QualityRange(min: n(gron.0), max: n(gron.1)))
}

private let kf24 = levels(("0", "75"), ("76", "90"), ("91", "100"))

@Suite struct QualityLevelTests {
    @Test func theReferenceLevelsAreValidAndPlaceValues() {
        #expect(kf24.problems(direction: .higherIsBetter).isEmpty)
        #expect(kf24.level(of: n("67")) == .rod)
        #expect(kf24.level(of: n("75")) == .rod)
        #expect(kf24.level(of: n("76")) == .gul)
        #expect(kf24.level(of: n("90")) == .gul)
        #expect(kf24.level(of: n("91")) == .gron)
        #expect(kf24.level(of: n("100")) == .gron)
        #expect(kf24.level(of: n("101")) == nil)
        #expect(kf24.level(of: n("-1")) == nil)
    }

    @Test func finerValuesAreRoundedToTheLevelsPrecision() {
        #expect(kf24.level(of: n("75.49")) == .rod)
        #expect(kf24.level(of: n("75.5")) == .gul)
        #expect(kf24.level(of: n("100.4")) == .gron)
        #expect(kf24.level(of: n("100.5")) == nil)
        let tenths = levels(("0", "75.9"), ("76", "90.4"), ("90.5", "100"))
        #expect(tenths.problems(direction: .higherIsBetter).isEmpty)
        #expect(tenths.stepHundredths == 10)
        #expect(tenths.level(of: n("75.94")) == .rod)
        #expect(tenths.level(of: n("75.95")) == .gul)
    }

    @Test func gapsOverlapsAndOrderAreRefused() {
        let gap = levels(("0", "75"), ("77", "90"), ("91", "100")).problems(direction: .higherIsBetter)
        #expect(gap.map(\.pointer) == ["/qualityLevels/gul/min"])
        #expect(gap.first?.detail.contains("must be 76") == true)
        // The half brings a precision of 0.1: then 75 → 75.5 and 90 → 91 are both gaps.
        #expect(levels(("0", "75"), ("75.5", "90"), ("91", "100")).problems(direction: .higherIsBetter).map(\.pointer)
                == ["/qualityLevels/gul/min", "/qualityLevels/gron/min"])
        #expect(levels(("0", "75"), ("75", "90"), ("91", "100")).problems(direction: .higherIsBetter).first?.detail.contains("overlaps") == true)
        #expect(levels(("0", "75"), ("90", "76"), ("91", "100")).problems(direction: .higherIsBetter).map(\.pointer) == ["/qualityLevels/gul/min"])
        #expect(!kf24.problems(direction: .lowerIsBetter).isEmpty)
        let lower = levels(("31", "1000"), ("11", "30"), ("0", "10"))
        #expect(lower.problems(direction: .lowerIsBetter).isEmpty)
        #expect(lower.level(of: n("5")) == .gron && lower.level(of: n("45")) == .rod)
    }

    @Test func numbersAreStrictWithTwoDecimalsAtMost() {
        #expect(FixedDecimal("67")?.hundredths == 6700)
        #expect(FixedDecimal("-3.5")?.hundredths == -350)
        #expect(FixedDecimal("87.25")?.description == "87.25")
        #expect(FixedDecimal("87.05")?.description == "87.05")
        #expect(FixedDecimal("87.50")?.description == "87.5")
        for bad in ["87.125", "1e2", "", "-", ".5", "5.", "01", "12345678901234", "NaN"] { #expect(FixedDecimal(bad) == nil, "\(bad)") }
    }
}

@Suite struct NyckeltalPeriodTests {
    @Test func theFourFormsParseAndPrint() {
        for text in ["2018", "2018H1", "2018H2", "2018Q2", "2018Q4", "2018-05", "2018-12"] {
            #expect(NyckeltalPeriod(text)?.description == text, "\(text)")
        }
        #expect(NyckeltalPeriod("2018Q2")?.firstMonth == 2018 * 12 + 3)
        #expect(NyckeltalPeriod("2018H2")?.lastMonth == 2018 * 12 + 11)
        #expect(NyckeltalPeriod("2018H1")?.yearBefore?.description == "2017H1")
    }

    @Test func anythingElseIsRefused() {
        for bad in ["18", "2018H3", "2018H0", "2018Q5", "2018Q0", "2018-13", "2018-00", "2018-5", "2018-005", "2018h1", "2018 ",
                    "1899", "9999", "2018-05-01", "２０１８", "2018H", "2018Q12", "+2018"] {
            #expect(NyckeltalPeriod(bad) == nil, "\(bad)")
        }
    }

    @Test func periodsSortByStartThenLongestFirst() {
        let sorted = ["2018-02", "2018Q1", "2018", "2017H2", "2018H1"].compactMap(NyckeltalPeriod.init).sorted().map(\.description)
        #expect(sorted == ["2017H2", "2018", "2018H1", "2018Q1", "2018-02"])
    }
}

@Suite struct NyckeltalDefinitionTests {
    @Test func codesKpisAndMunicipalityIds() {
        #expect(Nyckeltal.isValidCode("KF24") && Nyckeltal.isValidCode("kf_24-b") && !Nyckeltal.isValidCode("KF 24"))
        #expect(!Nyckeltal.isValidCode(String(repeating: "A", count: 33)) && !Nyckeltal.isValidCode("KÅ"))
        #expect(Nyckeltal.isValidKpi("U33461") && !Nyckeltal.isValidKpi("u33461") && !Nyckeltal.isValidKpi("U33461;"))
        #expect(KoladaScope(municipalityId: "1315") == .kommun && KoladaScope(municipalityId: "G36535") == .grupp)
        #expect(KoladaScope(municipalityId: "0000") == .riket && KoladaScope(municipalityId: "131") == nil && KoladaScope(municipalityId: "G") == nil)
    }

    @Test func aDefinitionReportsEveryProblem() {
        let bad = Nyckeltal(code: "KF 24", name: "", description: "", unit: .procent, direction: .higherIsBetter, koladaKpi: "x",
                            source: "", qualityLevels: levels(("0", "75"), ("77", "90"), ("91", "100")))
        #expect(bad.validate().map(\.pointer) == ["/code", "/name", "/koladaKpi", "/qualityLevels/gul/min"])
    }

    @Test func anAnalysisNeedsSomeText() {
        #expect(NyckeltalAnalysis(currentState: " ", factors: "", measures: "", consequences: "").validate().map(\.pointer) == ["/currentState"])
        #expect(NyckeltalAnalysis(currentState: "Resultatet 67 %", factors: "", measures: "", consequences: "").validate().isEmpty)
    }

    @Test func importRequestsAreValidated() {
        let ok = try? KoladaImportRequest.make(kpi: "U33461", municipality: "1315", group: "G36535", years: "2020-2025").get()
        #expect(ok?.municipalityIds == ["1315", "G36535", "0000"] && ok?.years == 2020...2025)
        #expect(KoladaImportRequest.parseYears("2021") == 2021...2021)
        for bad in ["2025-2020", "20-25", "2020-", "1900-1990", "2020,2021"] { #expect(KoladaImportRequest.parseYears(bad) == nil, "\(bad)") }
        let refused = KoladaImportRequest.make(kpi: "x", municipality: "G1", group: "1315", years: "soon")
        #expect(refused.pointers == ["/kpi", "/municipality", "/group", "/years"])
    }
}
