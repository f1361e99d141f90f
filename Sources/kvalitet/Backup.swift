import ArgumentParser
import KvalitetDomain
import KvalitetServer

/// `kvalitet backup --to FILE`: an online, consistent copy while the server keeps serving.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE while the service runs (consistent, integrity-checked, never overwrites).")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Where to write the copy; must not exist yet.") var to: String

    func run() async throws {
        let (config, services, logger) = try options.open()
        do {
            try await services.database.backup(to: to)
            // The server's /metrics reports the time of the last backup from this audit entry.
            try await services.database.recordBackup(to: to)
        } catch let error as DomainError {
            throw ValidationError(describe(error))
        }
        logger.info("backup written", metadata: ["from": "\(config.databasePath)", "to": "\(to)"])
        print(to)
    }
}
