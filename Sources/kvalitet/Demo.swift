import ArgumentParser
import Foundation
import KvalitetDemo
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet demo`: a realistic demo organisation and five years of records, for a first look.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a demo organisation and five years of records into an empty database.",
        discussion: "Refuses a database that already has units or records. Prints an admin token for the demo database."
    )
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Seed for the random but repeatable data.") var seed: UInt64 = 2025
    @Option(help: "How many full years of records before this year (this year so far comes too).") var years: Int = 5
    @Option(help: "Volume multiplier (1 is a mid-sized municipality: about 455 records a year).") var scale: Double?
    @Option(
        help:
            "About how many records to load: picks the --scale that gives this many, with the same mix (scripts/bench)."
    )
    var records: Int?

    func run() async throws {
        guard (1...20).contains(years) else { throw ValidationError("--years must be from 1 to 20") }
        if scale != nil, records != nil { throw ValidationError("give --scale or --records, not both") }
        if let scale, !(scale > 0 && scale <= 1000) {
            throw ValidationError("--scale must be above 0 and at most 1000")
        }
        if let records, !(1...3_000_000).contains(records) {
            throw ValidationError("--records must be from 1 to 3000000")
        }
        let (config, services, _) = try options.open()
        let today = SwedishTime.today(services.database.clock)
        let scale = records.map { DemoPlan.scale(forRecords: $0, today: today, years: years) } ?? scale ?? 1
        let planned = DemoPlan(today: today, years: years, scale: scale).records
        printError(
            "Loading \(planned) records (scale \(String(format: "%.3f", scale)), \(years) years and this year so far) "
                + "into \(config.databasePath)"
        )
        let started = Date()
        do {
            let summary = try await DemoLoader(services.database).load(seed: seed, years: years, scale: scale) {
                printError($0)
            }
            let seconds = Date().timeIntervalSince(started)
            printError(
                "Loaded \(summary.units) units and \(summary.records) records (\(summary.changes) workflow steps) "
                    + "into \(config.databasePath) in \(String(format: "%.1f", seconds)) s "
                    + "(\(Int(Double(summary.records) / max(seconds, 0.001))) records a second).")
        } catch let error as DomainError {
            throw ValidationError(describe(error))
        }
        if let token = try await services.tokens.createInitialAdminIfNone() {
            printError("Admin token for this database (shown once):")
            print(token)
        }
        printError(
            "Start the service on it and open the report: GET "
                + "/api/v1/kvalitetsberattelse/\(SwedishTime.today(services.database.clock).year - 1)?format=html"
        )
    }
}
