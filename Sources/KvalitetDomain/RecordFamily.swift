/// The record families of the API, each with its case-number prefix: the registry the router, the
/// stores, the report's rebuild, the demo, the kodverk and the contract tests iterate.
public enum RecordFamily: String, Sendable, CaseIterable, Codable {
    case avvikelse, klagomal, lexSarah = "lex_sarah", riskanalys, egenkontroll, tillsynsbeslut

    /// The family's description: its fields, workflow and rules.
    public var kind: any RecordKind.Type {
        switch self {
        case .avvikelse: Avvikelse.self
        case .klagomal: Klagomal.self
        case .lexSarah: LexSarah.self
        case .riskanalys: Riskanalys.self
        case .egenkontroll: Egenkontroll.self
        case .tillsynsbeslut: Tillsynsbeslut.self
        }
    }

    public var prefix: String {
        switch self {
        case .avvikelse: "AVV"
        case .klagomal: "KLG"
        case .lexSarah: "LXS"
        case .riskanalys: "RSK"
        case .egenkontroll: "EGK"
        case .tillsynsbeslut: "TSB"
        }
    }
}

/// A human-readable case number, `{PREFIX}-{YYYY}-{NNNN}`, sequential per prefix and year.
public struct CaseNumber: Hashable, Sendable, CustomStringConvertible, Codable {
    public let family: RecordFamily
    public let year: Int
    public let sequence: Int

    public init(family: RecordFamily, year: Int, sequence: Int) {
        self.family = family
        self.year = year
        self.sequence = sequence
    }

    /// Accepts only the canonical spelling, so that one record has exactly one id.
    public init?(_ text: String, family: RecordFamily) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == family.prefix, parts[1].count == 4,
            parts[2].count >= 4, parts[2].count <= 9,
            parts[1].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isASCII),
            let year = Int(parts[1]), let sequence = Int(parts[2]), sequence >= 1
        else { return nil }
        self.init(family: family, year: year, sequence: sequence)
        guard description == text else { return nil }
    }

    public var description: String {
        let digits = String(sequence)
        return "\(family.prefix)-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let family = RecordFamily.allCases.first { text.hasPrefix($0.prefix + "-") }
        guard let family, let parsed = CaseNumber(text, family: family) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a case number"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension RecordFamily {
    /// The family's Swedish name, as Swedish column headers and dashboards show it.
    public var label: String {
        switch self {
        case .avvikelse: "Kvalitetsavvikelse"
        case .klagomal: "Klagomål och synpunkter"
        case .lexSarah: "Lex Sarah"
        case .riskanalys: "Riskanalys"
        case .egenkontroll: "Egenkontroll"
        case .tillsynsbeslut: "Tillsynsbeslut"
        }
    }
}
