import HTTPTypes
import KvalitetDomain

/// The language of a problem's human texts, chosen from `Accept-Language` (RFC 9110 §12.5.4):
/// Swedish or English, English when the client names neither (or accepts anything).
enum ProblemLanguage: String, Sendable {
    case english = "en"
    case swedish = "sv"

    /// The supported language with the highest q-value among the request's `Accept-Language` field
    /// lines; ranges match by prefix (`sv-SE` and `sv` are Swedish), `q=0` refuses a language, a
    /// tie goes to the range named first, `*` and malformed q-values leave English.
    static func negotiate(_ lines: [String]) -> ProblemLanguage {
        var best: (language: ProblemLanguage, q: Double)?
        for element in lines.flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first?.lowercased(), !range.isEmpty else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q" { q = Self.qValue(pair[1]) ?? -1 }
            }
            guard q > 0, let language = Self.language(of: range) else { continue }
            if best == nil || q > best!.q { best = (language, q) }
        }
        return best?.language ?? .english
    }

    private static func language(of range: String) -> ProblemLanguage? {
        let primary = range.split(separator: "-").first.map(String.init) ?? range
        switch primary {
        case "sv": return .swedish
        case "en": return .english
        default: return nil
        }
    }

    /// A q-value: `0`–`1` with at most three decimals (RFC 9110 §12.4.2); nil when malformed.
    private static func qValue(_ text: String) -> Double? {
        guard text.range(of: #"^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$"#, options: .regularExpression) != nil
        else { return nil }
        return Double(text)
    }

    /// The field problem's text in this language.
    func text(of problem: FieldProblem) -> String {
        self == .swedish ? problem.rule.swedish : problem.detail
    }

    /// The problem's title in this language (problem types as in openapi.yaml's `Problem.type`).
    func title(_ problem: HTTPProblem) -> String {
        guard self == .swedish else { return problem.title }
        return Self.swedishTitles[problem.type] ?? problem.title
    }

    static let swedishTitles: [String: String] = [
        "invalid-query": "Ogiltiga frågeparametrar", "malformed-request": "Felaktig begäran",
        "unauthorized": "Inte inloggad", "forbidden": "Otillåtet", "not-found": "Hittades inte",
        "method-not-allowed": "Metoden är inte tillåten", "conflict": "Strider mot en regel eller nuvarande status",
        "stale-version": "Inaktuell version", "body-too-large": "För stor begäran",
        "unsupported-media-type": "Innehållstypen stöds inte", "invalid-values": "Ogiltiga värden",
        "if-match-required": "If-Match krävs", "kolada-failed": "Importen från Kolada misslyckades",
        "idempotency-key-reused": "Idempotency-Key återanvänd", "storage-full": "Lagringen är full",
        "internal": "Internt fel", "invalid-path": "Ogiltig sökväg",
        "idp-unavailable": "Inloggningstjänsten svarar inte",
        "too-many-failures": "För många misslyckade försök",
    ]
}
