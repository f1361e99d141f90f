import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet demo`: a realistic demo organisation and five years of records, for a first look.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a demo organisation and five years of records into an empty database.",
        discussion: "Refuses a database that already has units or records. Prints an admin token for the demo database.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Seed for the random but repeatable data.") var seed: UInt64 = 2025
    @Option(help: "How many full years of records before this year (this year so far comes too).") var years: Int = 5
    @Option(help: "Volume multiplier (1 is a mid-sized municipality; scripts/bench uses more).") var scale: Double = 1

    func run() async throws {
        guard (1...20).contains(years) else { throw ValidationError("--years must be from 1 to 20") }
        guard scale > 0, scale <= 1000 else { throw ValidationError("--scale must be above 0 and at most 1000") }
        let (config, services, _) = try options.open()
        let started = Date()
        do {
            let summary = try await DemoLoader(services.database).load(seed: seed, years: years, scale: scale) { printError($0) }
            printError("Loaded \(summary.units) units and \(summary.records) records (\(summary.changes) workflow steps) "
                + "into \(config.databasePath) in \(Int(Date().timeIntervalSince(started))) s.")
        } catch let error as DomainError {
            throw ValidationError(describe(error))
        }
        if let token = try await services.tokens.createInitialAdminIfNone() {
            printError("Admin token for this database (shown once):")
            print(token)
        }
        printError("Start the service on it and open the report: GET /api/v1/kvalitetsberattelse/\(SwedishTime.today(services.database.clock).year - 1)?format=html")
    }
}
