import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage
import Logging

/// The `kvalitet` command: serve the API and administer its database.
@main
struct Kvalitet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kvalitet: systematic quality work for Swedish social services.",
        subcommands: [Serve.self, Migrate.self, Check.self, Backup.self, Demo.self, TokenCommand.self, KoladaCommand.self])
}

/// Options every subcommand shares: where the database and migrations are.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file (env KVALITET_DATABASE; default ./data/kvalitet.sqlite).")
    var database: String?

    @Option(help: "Folder of NNNN_name.sql migrations (env KVALITET_MIGRATIONS; default ./migrations).")
    var migrations: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env KVALITET_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(help: "Highest risk value of the levels lag, mattlig and hog, e.g. 3,6,9 (env KVALITET_RISK_LEVELS; default 3,6,9).")
    var riskLevels: String?

    @Option(help: "Months after the IVO anmälan the local routine sends the lex Sarah investigation by, 1–24 (env KVALITET_IVO_FOLLOW_UP_MONTHS; default 2).")
    var ivoFollowUpMonths: String?

    /// Fills `config` from flags, then the environment, then defaults; collects every problem.
    func apply(to config: inout AppConfig, problems: inout [String]) {
        let env = ProcessInfo.processInfo.environment
        if let path = database ?? env["KVALITET_DATABASE"] {
            if path.isEmpty { problems.append("--database / KVALITET_DATABASE must not be empty") } else { config.databasePath = path }
        }
        if let path = migrations ?? env["KVALITET_MIGRATIONS"] {
            if path.isEmpty { problems.append("--migrations / KVALITET_MIGRATIONS must not be empty") } else { config.migrationsPath = path }
        }
        if let level = logLevel ?? env["KVALITET_LOG_LEVEL"] {
            if let parsed = Logger.Level(rawValue: level.lowercased()) { config.logLevel = parsed }
            else { problems.append("--log-level / KVALITET_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical (got \(level))") }
        }
        if let text = riskLevels ?? env["KVALITET_RISK_LEVELS"] {
            switch RiskLevels.parse(text) {
            case .success(let levels): config.riskLevels = levels
            case .failure(let error): problems.append("--risk-levels / KVALITET_RISK_LEVELS: \(error)")
            }
        }
        if let text = ivoFollowUpMonths ?? env["KVALITET_IVO_FOLLOW_UP_MONTHS"] {
            if let months = Int(text), let routine = IvoFollowUp(months: months) { config.ivoFollowUp = routine }
            else { problems.append("--ivo-follow-up-months / KVALITET_IVO_FOLLOW_UP_MONTHS must be a whole number from 1 to 24 (got \(text))") }
        }
    }

    /// Resolves the configuration, sets up logging to stderr and opens (and migrates) the database.
    func open(extra: (inout AppConfig, inout [String]) -> Void = { _, _ in }) throws -> (AppConfig, AppServices, Logger) {
        var config = AppConfig()
        var problems: [String] = []
        apply(to: &config, problems: &problems)
        extra(&config, &problems)
        guard problems.isEmpty else {
            throw ValidationError("bad configuration:\n  " + problems.joined(separator: "\n  "))
        }
        let level = config.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "kvalitet")
        do {
            return (config, try AppServices.open(config, logger: logger), logger)
        } catch let error as MigrationError {
            throw ValidationError(error.description)
        }
    }
}

/// The actor the command line acts as in the audit log.
let commandLineActor = Actor(tokenName: "kvalitet-cli", role: .admin, unitScope: nil)

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
