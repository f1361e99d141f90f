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
        version: KvalitetVersion.current,
        subcommands: [
            Serve.self, Migrate.self, Check.self, Backup.self, Demo.self, TokenCommand.self, KoladaCommand.self,
            GallringCommand.self, EarkivCommand.self,
        ])
}

/// The settings every subcommand takes as flags (`--database`, `--migrations`, …; `serve` takes more),
/// read with the environment by `AppConfig(reading:settings:arguments:)`. It takes every argument the
/// command itself does not, so a command declares it after its own positional arguments.
struct DatabaseOptions: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Settings as --name value, each also an environment variable: "
                + Setting.database.map { "\($0.flag) (\($0.variable))" }.joined(separator: ", ")
                + "; `serve --help` lists serve's", valueName: "setting"))
    var settings: [String] = []

    /// Resolves `settings` (flags, then the environment, then defaults), listing every problem at once,
    /// sets up logging to stderr and opens (and migrates) the database.
    func open(_ known: [Setting] = Setting.database) throws -> (AppConfig, AppServices, Logger) {
        let reader = AppConfig.reader(
            arguments: settings, environment: ProcessInfo.processInfo.environment,
            settings: known)
        let config: AppConfig
        do {
            config = try AppConfig(reading: reader, settings: known, arguments: settings)
        } catch {
            throw ValidationError(error.description)
        }
        let level = config.logLevel
        let json = config.logFormat == .json
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                json
                ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
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

extension Setting {
    /// `  --idle-timeout, KVALITET_IDLE_TIMEOUT: seconds …` for each setting.
    static func helpLines(_ settings: [Setting]) -> String {
        settings.map { "  \($0.flag), \($0.variable): \($0.help)" }.joined(separator: "\n")
    }
}

/// The actor the command line acts as in the audit log.
let commandLineActor = Actor(tokenName: "kvalitet-cli", role: .admin, unitScope: nil)

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
