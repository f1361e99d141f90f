import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet gallring plan|run`: what the retention rules make due, and removing it under a decision.
struct GallringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallring", abstract: "List and remove records whose retention period has ended.",
        subcommands: [Plan.self, Run.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count what is due, per family, units and year (no content); changes nothing.")
        @Option(name: .customLong("as-of"), help: "The day to judge on (YYYY-MM-DD); default today, Swedish time.")
        var asOf: String?
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (config, services, _) = try options.open()
            let day = try gallringDay(asOf, clock: config.clock)
            let lines = try await GallringStore(services.database, settings: config.recordSettings).plan(asOf: day)
            print("family\tunits\tyear\trule\tdue\tnot delivered")
            for line in lines {
                let fields: [String] = [
                    line.family.rawValue, line.units, "\(line.year)", line.ruleId, "\(line.due)", "\(line.undelivered)",
                ]
                print(fields.joined(separator: "\t"))
            }
            print("due on \(day): \(lines.reduce(0) { $0 + $1.due }) records")
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove what is due under a decision, in batches of one transaction each.")
        @Option(help: "The gallring decision's reference (Dnr …), kept with each removed record.")
        var decision: String
        @Option(name: .customLong("as-of"), help: "The day to judge on (YYYY-MM-DD); default today, Swedish time.")
        var asOf: String?
        @Option(
            name: .customLong("without-earkiv"),
            help: "Why records whose rule requires the e-arkiv may go without a delivery (logged).")
        var withoutEarkiv: String?
        @Option(name: .customLong("batch-size"), help: "Records per transaction (1–10000).") var batchSize: Int = 200
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1–10000") }
            let (config, services, logger) = try options.open()
            let day = try gallringDay(asOf, clock: config.clock)
            let store = GallringStore(services.database, settings: config.recordSettings)
            do {
                let result = try await store.run(
                    decision: decision, asOf: day, withoutEarkiv: withoutEarkiv, batchSize: batchSize,
                    by: commandLineActor
                ) { progress in
                    logger.notice(
                        "gallring: batch committed",
                        metadata: ["batches": "\(progress.batches)", "removed": "\(progress.removed)"])
                }
                print("removed \(result.removed) records in \(result.batches) batches")
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }
}

/// `--as-of` read as a day, or today in Stockholm.
func gallringDay(_ text: String?, clock: any KvalitetClock) throws -> LocalDate {
    guard let text else { return SwedishTime.today(clock) }
    guard let day = LocalDate(text) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
    return day
}
