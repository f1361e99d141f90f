/// The period a key-figure value or analysis covers: a year (`2018`), a half (`2018H1`), a
/// quarter (`2018Q2`) or a month (`2018-05`). Parsed strictly: nothing else is a period.
public struct NyckeltalPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case year, half, quarter, month }

    public let year: Int
    public let kind: Kind
    /// 1 for a year; 1–2 for a half; 1–4 for a quarter; 1–12 for a month.
    public let number: Int

    public static let years = 1900...9998
    public static let mustBe =
        "must be a period: YYYY, YYYYH1–H2, YYYYQ1–Q4 or YYYY-MM (e.g. 2018, 2018H1, 2018Q2, 2018-05)"

    public init?(year: Int, kind: Kind, number: Int) {
        let most =
            switch kind {
            case .year: 1;
            case .half: 2;
            case .quarter: 4;
            case .month: 12
            }
        guard Self.years.contains(year), (1...most).contains(number) else { return nil }
        self.year = year
        self.kind = kind
        self.number = number
    }

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes.count <= 7, bytes[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let year = Int(String(decoding: bytes[0..<4], as: UTF8.self))
        else { return nil }
        let rest = String(decoding: bytes[4...], as: UTF8.self)
        let digit = { (text: Substring) -> Int? in
            text.count >= 1 && text.count <= 2 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int(text) : nil
        }
        switch rest.first {
        case nil: self.init(year: year, kind: .year, number: 1)
        case "H"? where rest.count == 2:
            guard let n = digit(rest.dropFirst()) else { return nil }; self.init(year: year, kind: .half, number: n)
        case "Q"? where rest.count == 2:
            guard let n = digit(rest.dropFirst()) else { return nil }; self.init(year: year, kind: .quarter, number: n)
        case "-"? where rest.count == 3:
            guard let n = digit(rest.dropFirst()) else { return nil }; self.init(year: year, kind: .month, number: n)
        default: return nil
        }
    }

    public var description: String {
        switch kind {
        case .year: "\(year)"
        case .half: "\(year)H\(number)"
        case .quarter: "\(year)Q\(number)"
        case .month: number < 10 ? "\(year)-0\(number)" : "\(year)-\(number)"
        }
    }

    /// The first and last month covered, as months since year 0 (for range filters and sorting).
    public var firstMonth: Int {
        let months =
            switch kind {
            case .year: 12;
            case .half: 6;
            case .quarter: 3;
            case .month: 1
            }
        return year * 12 + (number - 1) * months
    }

    public var lastMonth: Int {
        let months =
            switch kind {
            case .year: 12;
            case .half: 6;
            case .quarter: 3;
            case .month: 1
            }
        return firstMonth + months - 1
    }

    /// The same kind of period one year earlier (2018H1 → 2017H1), for "the previous year's value".
    public var yearBefore: NyckeltalPeriod? { NyckeltalPeriod(year: year - 1, kind: kind, number: number) }

    /// Earlier start first; at the same start the longer period first (2018 before 2018H1 before 2018-01).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.firstMonth != rhs.firstMonth ? lhs.firstMonth < rhs.firstMonth : lhs.lastMonth > rhs.lastMonth
    }
}
