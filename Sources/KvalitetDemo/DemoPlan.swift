import Foundation
import KvalitetDomain
import KvalitetStorage

/// How many records of each family the demo writes in each year: `years` full years before this
/// one (what last year's report shows) and this year so far, growing 3 % a year, all times `scale`.
/// Counts alone, no randomness, so the size of a load is known before it starts.
public struct DemoPlan: Sendable {
    public struct Item: Sendable, Equatable {
        public let year: Int
        public let family: RecordFamily
        /// Records of this family in this year.
        public let count: Int
        /// Klagomål: the first `external` come from outside (brukare, närstående, …), the rest from staff.
        public let external: Int
    }

    public let items: [Item]
    public var records: Int { items.reduce(0) { $0 + $1.count } }

    public init(today: LocalDate, years: Int, scale: Double) {
        var items: [Item] = []
        for year in (today.year - years)...today.year {
            let fraction = year == today.year ? Double(today.dayNumber - LocalDate(year: year, month: 1,
                day: 1)!.dayNumber) / 365 : 1
            let growth = 1 + Double(year - today.year + years) * 0.03
            func volume(_ perYear: Double) -> Int { Int((perYear * growth * fraction * scale).rounded()) }
            let external = volume(55)
            items += RecordFamily.allCases.map { family in
                family == .klagomal ? Item(year: year, family: family, count: external + volume(Self.perYear(family)),
                                  external: external)
                    : Item(year: year, family: family, count: volume(Self.perYear(family)), external: 0)
            }
        }
        self.items = items
    }

    /// A family's records in a full year at scale 1 (klagomål: those from staff; 55 more come from outside).
    static func perYear(_ family: RecordFamily) -> Double {
        switch family {
        case .avvikelse: 320
        case .klagomal: 14
        case .lexSarah: 28
        case .riskanalys: 18
        case .egenkontroll: 14
        case .tillsynsbeslut: 6
        }
    }

    /// The scale whose plan comes closest to `records` records (the same mix, just more or fewer).
    public static func scale(forRecords records: Int, today: LocalDate, years: Int) -> Double {
        let perUnit = Double(DemoPlan(today: today, years: years, scale: 1).records)
        var low = 0.0, high = max(1, Double(records) / max(perUnit, 1) * 2)
        // Counts rise with the scale (in steps, from rounding): bisect to the closest.
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if DemoPlan(today: today, years: years,
                        scale: middle).records < records { low = middle } else { high = middle }
        }
        let below = DemoPlan(today: today, years: years, scale: low).records
        let above = DemoPlan(today: today, years: years, scale: high).records
        return records - below < above - records ? low : high
    }
}
