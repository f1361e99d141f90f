import Foundation
import KvalitetDomain
import KvalitetStorage

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
        (
            "ekonomiskt-bistand", "Avdelningen för ekonomiskt bistånd", .avdelning, "socialforvaltningen",
            "Ekonomiskt bistånd"
        ),
        ("ekonomiskt-bistand-mottagning", "Mottagningen", .sektion, "ekonomiskt-bistand", nil),
        ("arbetsmarknad", "Avdelningen för arbetsmarknad", .avdelning, "socialforvaltningen", "Arbetsmarknad"),
        ("arbetsmarknad-insatser", "Arbetsmarknadsinsatser", .sektion, "arbetsmarknad", nil),
    ]

    /// Refuses a database that already holds units or records: demo data never mixes with real data.
    /// Records go in `batchSize` to a transaction of a `BulkLoad` pipeline (each create and workflow
    /// step through the same domain and store rules as the API; the next batch is drawn and prepared
    /// while the writer writes the last); only the position in the plan and the random generator carry
    /// from one to the next, so memory stays flat however many records are loaded. `progress` gets a
    /// line every few seconds.
    public func load(
        seed: UInt64 = 2025, years: Int = 5, scale: Double = 1, batchSize: Int = 2000,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Summary {
        let bulk = BulkLoad(database, actor: actor)
        guard try await bulk.isEmpty() else {
            throw DomainError.conflict(
                rule: "the database already has units or records; load the demo into a new database (--database)")
        }
        var summary = Summary()
        let units = UnitStore(database)
        for (id, name, level, parent, area) in Self.organisation {
            try await units.put(OrgUnit(id: id, name: name, level: level, parentId: parent, area: area), by: actor)
            summary.units += 1
        }
        let today = SwedishTime.today(database.clock)
        let plan = DemoPlan(today: today, years: years, scale: scale)
        let generator = DemoRecords(today: today, sections: Self.organisation.filter { $0.2 == .sektion }.map(\.0))
        return try await bulk.withPageCache(mebibytes: 64) { [summary] in
            try await write(
                plan, with: generator, to: bulk, seed: seed, batchSize: batchSize, summary: summary,
                progress: progress)
        }
    }

    private func write(
        _ plan: DemoPlan, with generator: DemoRecords, to bulk: BulkLoad, seed: UInt64, batchSize: Int,
        summary: Summary, progress: @escaping @Sendable (String) -> Void
    ) async throws -> Summary {
        // Wall time only for the progress line's rate: monotonic, and not the service's clock.
        let started = ContinuousClock.now
        var reported = started
        let done = { (cursor: Cursor) in cursor.item >= plan.items.count }
        let loaded = try await bulk.pipeline(
            from: Cursor(random: SplitMix64(seed: seed), summary: summary), until: done,
            fill: { cursor, batch in
                var written = 0
                while written < batchSize, cursor.item < plan.items.count {
                    let item = plan.items[cursor.item]
                    if cursor.index < item.count {
                        try generator.write(
                            item, index: cursor.index, random: &cursor.random, summary: &cursor.summary, in: batch)
                        cursor.index += 1
                        written += 1
                    } else {
                        cursor.item += 1
                        cursor.index = 0
                    }
                }
            },
            committed: { cursor in
                let now = ContinuousClock.now
                guard now - reported >= .seconds(5) || done(cursor) else { return }
                reported = now
                let elapsed = (now - started).components
                let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                progress(
                    "\(cursor.summary.records) of \(plan.records) records "
                        + "(\(Int(Double(cursor.summary.records) / max(seconds, 0.001))) a second)"
                )
            })
        return loaded.summary
    }

    /// Where a load is: the plan item, the record within it, and what the next record draws from.
    struct Cursor: Sendable {
        var item = 0, index = 0
        var random: SplitMix64
        var summary: Summary
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
