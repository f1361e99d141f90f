import Foundation
import KvalitetDomain
import Testing

@Suite("Lex Sarah: kinds of missförhållanden")
struct LexSarahKindTests {
    /// The kodverk as IVO's statistics and municipal routines name the kinds, in list order.
    static let kodverk: [(String, String)] = [
        ("overgrepp_fysiskt", "Övergrepp – fysiskt"), ("overgrepp_psykiskt", "Övergrepp – psykiskt"),
        ("overgrepp_sexuellt", "Övergrepp – sexuellt"), ("overgrepp_ekonomiskt", "Övergrepp – ekonomiskt"),
        ("brister_i_bemotande", "Brister i bemötande"), ("insats_inte_utford", "Insats inte utförd"),
        ("insats_utford_felaktigt", "Insats utförd felaktigt"),
        ("brister_i_handlaggning", "Brister i handläggning och rättssäkerhet"), ("rojd_sekretess", "Röjd sekretess"),
        ("brister_i_dokumentation", "Brister i dokumentation"),
        ("brister_i_tillsyn_och_omsorg", "Brister i tillsyn och omsorg"), ("brister_i_samverkan", "Brister i samverkan"),
        ("brister_i_miljo_och_utrustning", "Brister i fysisk miljö, utrustning och teknik"), ("ovrigt", "Övrigt"),
    ]

    @Test func theKodverkListsEveryKindWithItsSwedishLabelAfterTheReportersRoles() throws {
        let list = try #require(Kodverk.all.first { $0.name == "lexSarahMissforhallande" })
        #expect(list.codes.map(\.code) == Self.kodverk.map(\.0))
        #expect(list.codes.map(\.label) == Self.kodverk.map(\.1))
        let names = LexSarah.fieldTable.codeLists.map(\.name)
        #expect(names.firstIndex(of: "lexSarahMissforhallande") == names.firstIndex(of: ReporterRole.listName).map { $0 + 1 })
        #expect(LexSarah.fieldTable.categoryCodes == Self.kodverk.map(\.0))
    }

    @Test(arguments: [
        [LexSarahKind.overgreppPsykiskt], [.overgreppPsykiskt, .bristerIBemotande],
        [.insatsInteUtford, .bristerIDokumentation, .bristerISamverkan], LexSarahKind.allCases,
    ])
    func aReportMayConcernOneOrSeveralKindsKeptInTheOrderGiven(kinds: [LexSarahKind]) throws {
        var draft = lexSarahDraft()
        draft.kinds = kinds
        #expect(try LexSarah.validate(draft, today: today).get().kinds == kinds)
    }

    /// (kinds sent, pointers refused): absent, empty, a kind twice (pointing at the repeat).
    static let refusals: [([LexSarahKind]?, [String])] = [
        (nil, ["/kinds"]), ([], ["/kinds"]), ([.rojdSekretess, .rojdSekretess], ["/kinds/1"]),
        ([.ovrigt, .bristerISamverkan, .ovrigt, .bristerISamverkan], ["/kinds/2", "/kinds/3"]),
    ]

    @Test(arguments: refusals)
    func kindsAreRequiredNotEmptyAndEachNamedOnce(kinds: [LexSarahKind]?, pointers: [String]) {
        var draft = lexSarahDraft()
        draft.kinds = kinds
        #expect(LexSarah.validate(draft, today: today).pointers == pointers)
    }

    @Test(arguments: [
        (AvvikelseCategory.handlaggning, LexSarahKind.bristerIHandlaggning), (.dokumentation, .bristerIDokumentation),
        (.handlingar, .bristerIHandlaggning), (.utforandeAvInsats, .insatsUtfordFelaktigt),
        (.lokaler, .bristerIMiljoOchUtrustning), (.sekretess, .rojdSekretess), (.bemotande, .bristerIBemotande),
        (.tillganglighet, .ovrigt), (.ovrigt, .ovrigt),
    ])
    func aVersionStoredWithACategoryIsReadWithTheKindReplacingIt(category: AvvikelseCategory, kind: LexSarahKind) throws {
        let stored = #"{"unitId":"u","title":"t","description":"","reportedOn":"2025-03-02","reporterRole":"anstalld","#
            + #""category":"\#(category.rawValue)","rootCauses":[],"notes":[],"measures":[]}"#
        let fields = try JSONDecoder().decode(LexSarah.Fields.self, from: Data(stored.utf8))
        #expect(fields.kinds == [kind])
        #expect(fields.reportedOn == date("2025-03-02"))
        let written = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        #expect(written.contains(#""kinds":["\#(kind.rawValue)"]"#) && !written.contains("category"))
    }

    @Test func aTreatedReportCountsOnceAsAReportAndOnceInEachOfItsKinds() {
        var fields = LexSarah.Fields(
            unitId: "u", title: "t", reportedOn: date("2025-01-10"), reporterRole: .anstalld,
            kinds: [.overgreppPsykiskt, .bristerIBemotande])
        fields.investigation = .init(completedOn: date("2025-02-01"), assessment: .missforhallande)
        fields.committeeDecidedOn = date("2025-03-01")
        let tallies = LexSarah.reportTallies(record(fields, status: LexSarahStatus.bedomd))
        let treated = tallies.filter { $0.key.metric == .lexSarahTreated }
        #expect(treated.map(\.key.key) == [TallyKey("missforhallande")] && treated.values.first == 1)
        let kinds = tallies.filter { $0.key.metric == .lexSarahTreatedKind }
        #expect(Set(kinds.map(\.key.key)) == [TallyKey("overgrepp_psykiskt"), TallyKey("brister_i_bemotande")])
        #expect(kinds.values.allSatisfy { $0 == 1 } && kinds.keys.allSatisfy { $0.date == date("2025-03-01") })
    }
}
