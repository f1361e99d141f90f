import KvalitetDomain
import Testing

/// Text as people type it: what counts as empty, which characters are refused, and the one form
/// texts are stored and searched in.
@Suite("Text rules")
struct TextRulesTests {
    /// Required texts (min 1) and whether they are refused as empty.
    static let requiredRows: [(text: String, empty: Bool)] = [
        ("   ", true), ("", true), ("\u{A0}", true), ("\u{A0} \u{A0}", true), ("\u{200B}", true),
        ("\u{200C}\u{200D}", true), ("\u{2060}", true), ("\u{FEFF}", true), ("\u{FEFF}  \u{200B}", true),
        ("\t\n\r ", true), ("\u{3000}", true), ("\u{2003}\u{2009}", true), ("\u{AD}", true),
        ("\u{2800}", true), ("\u{2800}\u{2800} ", true), ("\u{FFF9}\u{FFFA}\u{FFFB}", true), ("\u{2800}a", false),
        ("a", false), (" a ", false), ("\u{FEFF}Titel", false), ("å", false), ("·", false), ("0", false),
        // Tag characters (U+E0000–E007F) show nothing: the tail of a flag emoji, or hidden text.
        ("\u{E0020}", true), ("\u{E0001}\u{E0068}\u{E0069}\u{E007F}", true), (" \u{E0041}\u{200B}", true),
        ("\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", false), ("\u{E0080}", false),
    ]

    @Test(arguments: requiredRows)
    func aRequiredTextOfOnlySpacesOrInvisibleCharactersIsEmpty(row: (text: String, empty: Bool)) {
        let detail = TextRules.check(row.text, min: 1, max: 200)
        #expect((detail?.english.contains("must not be empty") ?? false) == row.empty,
                "\(row.text.unicodeScalars.map(\.value))")
        #expect(TextRules.isBlank(row.text) == row.empty)
    }

    @Test func anOptionalTextMayBeEmptyButNotBlank() {
        #expect(TextRules.check("", min: 0, max: 200) == nil)
        #expect(TextRules.check("   ", min: 0, max: 200)?.english.contains("must not be empty") == true)
        #expect(TextRules.check("\u{200B}", min: 0, max: 200)?.english.contains("must not be empty") == true)
    }

    /// Long texts and whether a character in them is refused.
    static let controlRows: [(scalar: Unicode.Scalar, refused: Bool)] = [
        ("\n", false), ("\r", false), ("\t", false), ("\u{0}", true), ("\u{7}", true), ("\u{8}", true),
        ("\u{B}", true), ("\u{C}", true), ("\u{1B}", true), ("\u{1F}", true), ("\u{7F}", true),
        ("\u{80}", true), ("\u{85}", true), ("\u{9F}", true), ("\u{A0}", false), ("é", false), ("\u{2028}", false),
    ]

    @Test(arguments: controlRows)
    func controlCharactersOtherThanLineBreaksAndTabsAreRefused(row: (scalar: Unicode.Scalar, refused: Bool)) {
        let text = "Rad ett" + String(row.scalar) + "rad två"
        let detail = TextRules.check(text, min: 0, max: 20_000)
        #expect((detail?.english.contains("control characters") ?? false) == row.refused,
                "U+\(String(row.scalar.value, radix: 16))")
    }

    /// Decomposed (as a Mac types it) and composed forms: stored the same, searched the same.
    static let foldRows: [(typed: String, stored: String, key: String)] = [
        ("Bemo\u{308}tande pa\u{30A} A\u{30A}rsta", "Bemötande på Årsta", "bemötande på årsta"),
        ("A\u{30A}RSTA", "ÅRSTA", "årsta"),
        ("Ärende", "Ärende", "ärende"),
        ("A\u{308}RENDE", "ÄRENDE", "ärende"),
        ("O\u{308}vrigt", "Övrigt", "övrigt"),
        ("Cafe\u{301}", "Café", "café"),
        ("E\u{301}MILE", "ÉMILE", "émile"),
        ("Ü\u{308}", "Ü\u{308}", "ü\u{308}"),
        ("Straße", "Straße", "straße"),
        ("plain ascii", "plain ascii", "plain ascii"),
    ]

    @Test(arguments: foldRows)
    func textsAreStoredInNFCAndSearchFoldsCaseAndNormalisationAlike(row: (typed: String, stored: String, key: String)) {
        #expect(Array(TextRules.normalised(row.typed).unicodeScalars) == Array(row.stored.unicodeScalars))
        #expect(Array(TextRules.searchKey(row.typed).unicodeScalars) == Array(row.key.unicodeScalars))
        #expect(TextRules.searchKey(row.typed) == TextRules.searchKey(row.stored))
    }

    @Test func aSearchAlsoLooksForTheDecomposedKeyOfTitlesStoredBeforeNormalisation() {
        #expect(TextRules.searchKeys("årsta").map { Array($0.unicodeScalars) }
                == [Array("årsta".unicodeScalars), Array("a\u{30A}rsta".unicodeScalars)])
        #expect(TextRules.searchKeys("Journal") == ["journal"])
    }

    @Test func lengthsCountTheStoredNFCCodePoints() {
        let typed = String(repeating: "a\u{30A}", count: 200)  // 400 code points typed, 200 stored
        #expect(TextRules.check(TextRules.normalised(typed), min: 1, max: 200) == nil)
    }
}
