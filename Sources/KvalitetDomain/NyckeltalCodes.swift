/// What a key figure measures in; decides nothing but how the value is read.
public enum NyckeltalUnit: String, Code {
    case procent, antal, dagar, kronor
    public static let listName = "nyckeltalEnhet"
    public var label: String {
        switch self {
        case .procent: "Procent"
        case .antal: "Antal"
        case .dagar: "Dagar"
        case .kronor: "Kronor"
        }
    }
}

/// Which way is good: decides the order the three quality levels must lie in.
public enum NyckeltalDirection: String, Code {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    public static let listName = "nyckeltalRiktning"
    public var label: String {
        switch self {
        case .higherIsBetter: "Högre är bättre"
        case .lowerIsBetter: "Lägre är bättre"
        }
    }
}

/// The decided *kvalitetsnivåer*: red (not acceptable), yellow, green (the goal).
public enum QualityLevel: String, Code {
    case rod, gul, gron
    public static let listName = "kvalitetsniva"
    public var label: String {
        switch self {
        case .rod: "Röd – ej godtagbar nivå"
        case .gul: "Gul – godtagbar nivå"
        case .gron: "Grön – önskvärd nivå"
        }
    }
}

/// Where an imported Kolada value comes from, told apart by the id's form.
public enum KoladaScope: String, Code {
    case kommun, grupp, riket
    public static let listName = "koladaJamforelse"
    public var label: String {
        switch self {
        case .kommun: "Kommun"
        case .grupp: "Jämförelsegrupp (liknande kommuner)"
        case .riket: "Riket"
        }
    }

    /// `0000` is the whole country, `G…` a municipality group, `LLKK` a municipality; nil otherwise
    /// (regions `00LL` included). The rules: `KoladaId`.
    public init?(municipalityId id: String) {
        guard let scope = KoladaId.scope(of: id) else { return nil }
        self = scope
    }
}

/// A number with at most two decimals, kept as whole hundredths so that comparisons with the
/// quality levels are exact (no binary floating point between 75 and 76).
public struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    /// The largest magnitude accepted: far beyond any kronor figure, far below overflow.
    public static let limit = 1_000_000_000_000 * 100

    /// Strict JSON-number text with at most two decimals and no exponent (`67`, `-3.5`, `87.25`).
    public init?(_ text: String) {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 13,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole == "0" || whole.first != "0"
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 1 || (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let units = Int(whole), let cents = Int(fraction) else { return nil }
        let value = units * 100 + cents
        guard value <= Self.limit else { return nil }
        hundredths = negative ? -value : value
    }

    /// The number of decimals the text needs: 0, 1 or 2.
    public var decimals: Int { hundredths % 100 == 0 ? 0 : hundredths % 10 == 0 ? 1 : 2 }

    /// As a JSON number, without trailing zeros: 67, 67.5, 67.05.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = "\(sign)\(magnitude / 100)"
        switch decimals {
        case 0: return whole
        case 1: return whole + ".\(magnitude % 100 / 10)"
        default: return whole + (magnitude % 100 < 10 ? ".0" : ".") + "\(magnitude % 100)"
        }
    }

    public var doubleValue: Double { Double(hundredths) / 100 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.hundredths < rhs.hundredths }
}

/// Stored as its whole hundredths, the exact form.
extension FixedDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        hundredths = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hundredths)
    }
}
