import Foundation
import KvalitetDomain

/// Loads a realistic demo municipality — a förvaltning, five avdelningar in different areas with
/// sections, and five years of records of every family at plausible volumes — through the same
/// stores and domain rules the API uses, so a newcomer sees a full kvalitetsberättelse at once.
public struct DemoLoader: Sendable {
    public struct Summary: Sendable { public var units = 0, records = 0, changes = 0 }

    let database: KvalitetDatabase
    let actor = Actor(tokenName: "kvalitet-demo", role: .admin, unitScope: nil)

    public init(_ database: KvalitetDatabase) { self.database = database }

    /// The organisation: (id, name, level, parent, area).
    static let organisation: [(String, String, UnitLevel, String?, String?)] = [
        ("socialforvaltningen", "Arbetsmarknads- och socialförvaltningen", .forvaltning, nil, nil),
        ("barn-unga", "Avdelningen för barn och unga", .avdelning, "socialforvaltningen", "Barn och unga"),
        ("barn-unga-utredning", "Utredningssektionen barn och unga", .sektion, "barn-unga", nil),
        ("barn-unga-hvb", "HVB och stödboende", .sektion, "barn-unga", nil),
        ("vuxen", "Avdelningen för vuxna", .avdelning, "socialforvaltningen", "Vuxna"),
        ("vuxen-beroende", "Beroendevård", .sektion, "vuxen", nil),
        ("vuxen-boende", "Boendesektionen", .sektion, "vuxen", nil),
        ("funktionsstod", "Avdelningen för funktionsstöd", .avdelning, "socialforvaltningen", "Funktionsstöd"),
        ("funktionsstod-lss", "LSS-handläggning", .sektion, "funktionsstod", nil),
        ("ekonomiskt-bistand", "Avdelningen för ekonomiskt bistånd", .avdelning, "socialforvaltningen", "Ekonomiskt bistånd"),
        ("ekonomiskt-bistand-mottagning", "Mottagningen", .sektion, "ekonomiskt-bistand", nil),
        ("arbetsmarknad", "Avdelningen för arbetsmarknad", .avdelning, "socialforvaltningen", "Arbetsmarknad"),
        ("arbetsmarknad-insatser", "Arbetsmarknadsinsatser", .sektion, "arbetsmarknad", nil),
    ]

    /// Refuses a database that already holds units or records: demo data never mixes with real data.
    public func load(seed: UInt64 = 2025, years: Int = 5, scale: Double = 1, progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let existing = try await database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM records)") ?? 0
        }
        guard existing == 0 else {
            throw DomainError.conflict(rule: "the database already has units or records; load the demo into a new database (--database)")
        }
        var summary = Summary()
        let units = UnitStore(database)
        for (id, name, level, parent, area) in Self.organisation {
            try await units.put(OrgUnit(id: id, name: name, level: level, parentId: parent, area: area), by: actor)
            summary.units += 1
        }
        var random = SplitMix64(seed: seed)
        let today = SwedishTime.today(database.clock)
        let sections = Self.organisation.filter { $0.2 == .sektion }.map(\.0)
        let generator = DemoRecords(database: database, actor: actor, today: today, sections: sections)
        // `years` full years before this one (what last year's report shows) and this year so far.
        for year in (today.year - years)...today.year {
            let fraction = year == today.year ? Double(today.dayNumber - LocalDate(year: year, month: 1, day: 1)!.dayNumber) / 365 : 1
            let growth = 1 + Double(year - today.year + years) * 0.03
            func volume(_ perYear: Double) -> Int { Int((perYear * growth * fraction * scale).rounded()) }
            summary = try await generator.avvikelser(volume(320), year: year, random: &random, summary: summary)
            summary = try await generator.klagomal(volume(55), personal: volume(14), year: year, random: &random, summary: summary)
            summary = try await generator.lexSarah(volume(28), year: year, random: &random, summary: summary)
            summary = try await generator.riskanalyser(volume(18), year: year, random: &random, summary: summary)
            summary = try await generator.egenkontroller(volume(14), year: year, random: &random, summary: summary)
            summary = try await generator.tillsyn(volume(6), year: year, random: &random, summary: summary)
            progress("\(year): \(summary.records) records so far")
        }
        return summary
    }
}

/// A small, seedable random generator (SplitMix64), so the demo is the same every time.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One of `choices`, drawn by their weights.
    mutating func pick<T>(_ choices: [(T, Int)]) -> T {
        var roll = Int.random(in: 0..<choices.reduce(0) { $0 + $1.1 }, using: &self)
        for (choice, weight) in choices {
            if roll < weight { return choice }
            roll -= weight
        }
        return choices[0].0
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
}
