import Foundation

/// Length and character rules shared by every free-text and name field, and the one normalisation
/// and search folding every text gets.
public enum TextRules {
    /// `nil` when `text` is acceptable; otherwise the rule it breaks.
    /// Lengths count Unicode code points of the NFC text (as stored), as JSON Schema's maxLength
    /// (openapi.yaml) and SQLite's length() (the database's CHECKs) do.
    /// A text must hold something visible: spaces, NBSP, zero-width characters and a BOM alone count
    /// as empty (refused when required; an optional text is left out or sent empty instead).
    public static func check(_ text: String, min: Int, max: Int) -> FieldRule? {
        let count = text.unicodeScalars.count
        if count > 0 && isBlank(text) { return .blank }
        if count < min { return .tooShort(minLength: min) }
        if count > max { return .tooLong(maxLength: max, length: count) }
        // Control characters other than line breaks and tabs never belong in a record and break CSV/Excel.
        if text.unicodeScalars.contains(where: isForbiddenControl) {
            return .controlCharacters
        }
        return nil
    }

    public static func check(_ text: String, pointer: String, min: Int, max: Int, into problems: inout ProblemList) {
        if let rule = check(text, min: min, max: max) { problems.add(pointer, rule) }
    }

    /// What shows nothing: Unicode white space (NBSP and the other spaces, line breaks, tab) and the
    /// invisible characters people paste (soft hyphen, zero-width space and joiners, directional
    /// marks, word joiner, variation selectors, BOM, Hangul fillers, the blank Braille pattern,
    /// interlinear annotation marks, tag characters). openapi.yaml's text patterns list the same code
    /// points but the tags (U+E0000–E007F): outside the BMP, which an ECMA-262 pattern without the
    /// `u` flag cannot name, so there the server alone refuses a text of only tags.
    static let invisible: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0x85...0x85, 0xA0...0xA0, 0xAD...0xAD, 0x34F...0x34F, 0x61C...0x61C,
        0x115F...0x1160, 0x1680...0x1680, 0x17B4...0x17B5, 0x180B...0x180F, 0x2000...0x200F, 0x2028...0x202F,
        0x205F...0x206F, 0x2800...0x2800, 0x3000...0x3000, 0x3164...0x3164, 0xFE00...0xFE0F, 0xFEFF...0xFEFF,
        0xFFA0...0xFFA0, 0xFFF9...0xFFFB, 0xE0000...0xE007F,
    ]

    /// True when nothing in `text` is visible (see `invisible`); true for "".
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in invisible.contains { $0.contains(scalar.value) } }
    }

    /// C0 controls but tab, LF and CR; DEL; the C1 controls (U+0080–U+009F).
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0x7F...0x9F: true
        default: false
        }
    }

    /// `text` in Unicode Normalization Form C, the form every text is stored in: "å" typed on a Mac
    /// arrives as a + combining ring and is stored as the one character å.
    public static func normalised(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// The key text search compares: NFC, then lower case, then NFC again (lowering may leave a
    /// combining mark behind), so "ÅRSTA", "årsta" and "a\u{30A}rsta" all fold to "årsta".
    public static func searchKey(_ text: String) -> String {
        normalised(normalised(text).lowercased())
    }

    /// The keys a search for `query` looks for in stored search keys: its `searchKey`, and the same
    /// decomposed (NFD) when that differs, which is how titles stored before texts were normalised
    /// were folded when they arrived decomposed; so old and new records are found alike.
    public static func searchKeys(_ query: String) -> [String] {
        let key = searchKey(query)
        let decomposed = key.decomposedStringWithCanonicalMapping
        // Swift's == compares canonically (the two forms are equal to it); the database compares bytes.
        return decomposed.utf8.elementsEqual(key.utf8) ? [key] : [key, decomposed]
    }

    public static let titleMax = 200
    public static let descriptionMax = 20_000
    public static let shortTextMax = 2_000
    public static let nameMax = 200
}
