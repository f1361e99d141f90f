/// Length and character rules shared by every free-text and name field.
public enum TextRules {
    /// `nil` when `text` is acceptable; otherwise what is wrong, phrased for the user.
    /// Lengths count Unicode code points, as JSON Schema's maxLength (openapi.yaml) and SQLite's
    /// length() (the database's CHECKs) do: "å" written as a + ring is two.
    public static func check(_ text: String, min: Int, max: Int) -> String? {
        let count = text.unicodeScalars.count
        if count < min { return min == 1 ? "must not be empty" : "must be at least \(min) characters" }
        if count > max { return "must be at most \(max) characters (is \(count))" }
        // Control characters other than line breaks and tabs never belong in a record and break CSV/Excel.
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }) {
            return "must not contain control characters"
        }
        return nil
    }

    public static func check(_ text: String, pointer: String, min: Int, max: Int, into problems: inout ProblemList) {
        if let detail = check(text, min: min, max: max) { problems.add(pointer, detail) }
    }

    public static let titleMax = 200
    public static let descriptionMax = 20_000
    public static let shortTextMax = 2_000
    public static let nameMax = 200
}
