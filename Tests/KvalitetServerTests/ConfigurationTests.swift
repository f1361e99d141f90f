import Foundation
import KvalitetDomain
@testable import KvalitetServer
import Testing

/// The command line's configuration: flags, then environment variables, then defaults, each setting
/// described once (`Setting.serve`), every problem reported together.
@Suite("Configuration")
struct ConfigurationTests {
    private func read(_ arguments: [String], _ environment: [String: String] = [:],
                      settings: [Setting] = Setting.serve) throws(ConfigurationProblems) -> AppConfig {
        let reader = AppConfig.reader(arguments: arguments, environment: environment, settings: settings)
        return try AppConfig(reading: reader, settings: settings, arguments: arguments)
    }

    private func problems(_ arguments: [String], _ environment: [String: String] = [:]) -> [String] {
        do {
            _ = try read(arguments, environment)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func nothingGivenLeavesEveryDefault() throws {
        let config = try read([])
        #expect(config.host == "127.0.0.1" && config.port == 8080 && config.databasePath == "./data/kvalitet.sqlite")
        #expect(config.corsOrigins.isEmpty && config.logLevel == .info && config.limits.maxConnections == 1024)
    }

    @Test func aFlagWinsOverItsEnvironmentVariableWhichWinsOverTheDefault() throws {
        let environment = ["KVALITET_PORT": "9000", "KVALITET_HOST": "0.0.0.0", "KVALITET_IDLE_TIMEOUT": "5"]
        let config = try read(["--port", "9100", "--idle-timeout=7"], environment)
        #expect(config.port == 9100)
        #expect(config.idleTimeoutSeconds == 7)
        #expect(config.host == "0.0.0.0")
    }

    @Test func listsAndPathsKeepTheirCommas() throws {
        let config = try read(["--cors-origin", "https://a.example.se,https://b.example.se",
                               "--database", "/d/a,b.sqlite", "--risk-levels", "2,4,8"])
        #expect(config.corsOrigins == ["https://a.example.se", "https://b.example.se"])
        #expect(config.databasePath == "/d/a,b.sqlite")
        #expect(config.riskLevels == RiskLevels(lagMax: 2, mattligMax: 4, hogMax: 8))
        let fromEnvironment = try read([], ["KVALITET_CORS_ORIGINS": "https://a.example.se, https://b.example.se"])
        #expect(fromEnvironment.corsOrigins == ["https://a.example.se", "https://b.example.se"])
    }

    @Test func everyProblemIsListedAtOnceNamingFlagAndVariable() {
        let found = problems(["--port", "99999", "--log-level", "loud", "--prot", "1"],
                             ["KVALITET_MAX_CONNECTIONS": "0", "KVALITET_KOLADA_BASE_URL": "ftp://kolada"])
        #expect(found.count == 5, "\(found)")
        #expect(found.contains("--port / KVALITET_PORT: must be a whole number from 0 to 65535 (got 99999)"))
        #expect(found.contains { $0.hasPrefix("--log-level / KVALITET_LOG_LEVEL: must be one of") })
        #expect(found.contains { $0.hasPrefix("--max-connections / KVALITET_MAX_CONNECTIONS:") })
        #expect(found.contains { $0.hasPrefix("--kolada-base-url / KVALITET_KOLADA_BASE_URL:") })
        #expect(found.contains("--prot is not an option here; see --help"))
    }

    @Test func aSubcommandRefusesAServeOnlyFlag() {
        #expect(throws: ConfigurationProblems(problems: ["--port is not an option here; see --help"])) {
            try read(["--port", "1"], settings: Setting.database)
        }
    }

    /// README's configuration table, row by row: flag, environment variable, default.
    static let readmeRows: [(flag: String, variable: String, value: String)] = {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("`--"), cells[1].hasPrefix("`KVALITET_") else { return nil }
            return (cells[0].trimmingCharacters(in: ["`"]), cells[1].trimmingCharacters(in: ["`"]),
                    cells[2].trimmingCharacters(in: ["`"]))
        }
    }()

    @Test func everyFlagAndVariableInREADMEsTableIsASettingOfServe() {
        #expect(Self.readmeRows.count >= 10)
        for row in Self.readmeRows {
            let setting = Setting.serve.first { $0.flag == row.flag }
            #expect(setting?.variable == row.variable, "\(row.flag)")
        }
    }

    @Test func everySettingIsReadFromItsFlagAndFromItsVariableWithREADMEsDefault() throws {
        for row in Self.readmeRows where row.value != "none" {
            // An empty value is refused by every setting but the origins, so each must have been read.
            #expect(!problems([row.flag + "="]).isEmpty, "\(row.flag)")
            #expect(!problems([], [row.variable: ""]).isEmpty, "\(row.variable)")
            #expect(problems([row.flag, row.value]).isEmpty, "\(row.flag) \(row.value)")
            #expect(problems([], [row.variable: row.value]).isEmpty, "\(row.variable) \(row.value)")
        }
    }
}
