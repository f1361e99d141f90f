import ArgumentParser
import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet serve`: the HTTP API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API (graceful shutdown on SIGTERM/SIGINT).",
        discussion: "Settings (a flag wins over its environment variable):\n" + Setting.helpLines(Setting.serve))

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let (config, services, logger) = try options.open(Setting.serve)
        let firstToken = try await services.tokens.createInitialAdminIfNone()
        let app = buildApplication(config, services: services, logger: logger) { port in
            announce(listening: "http://\(config.host):\(port)", firstToken: firstToken)
        }
        try await app.runService()
        logger.info("stopped")
    }
}

/// What `serve` prints on stderr once it listens: where, and a first admin token it just created.
func announce(listening url: String, firstToken: String?) {
    if let firstToken {
        printError("""
            Kvalitet created the first admin token. It is shown only this once; keep it safe:

                \(firstToken)

            Try:  curl -H 'Authorization: Bearer \(firstToken)' \(url)/api/v1/verksamheter
            """)
    }
    printError("Kvalitet listening on \(url)")
}

/// `kvalitet migrate`: apply pending migrations and exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations to the database and exit.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let (config, _, _) = try options.open()
        print("database \(config.databasePath) is at schema version \(Migrations.binaryVersion)")
    }
}

/// `kvalitet check`: SQLite's integrity check, and the report's running sums against the records.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run SQLite's integrity check and recount the report's sums from the records; "
            + "exit 1 unless both agree.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let (config, services, _) = try options.open()
        let result = try await services.database.integrityCheck()
        print(result.joined(separator: "\n"))
        let counts = try services.database.reportCountsMatchRecords(settings: config.recordSettings)
        print(counts ? "report sums: ok" : "report sums: differ from the records")
        if result != ["ok"] || !counts { throw ExitCode(1) }
    }
}
