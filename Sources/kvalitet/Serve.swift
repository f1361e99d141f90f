import ArgumentParser
import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet serve`: the HTTP API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP API (graceful shutdown on SIGTERM/SIGINT).")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var identity: IdentityOptions

    @Option(help: "Address to listen on (env KVALITET_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port; 0 picks a free one and logs it (env KVALITET_PORT; default 8080).")
    var port: String?

    @Option(help: "Comma-separated origins allowed by CORS (env KVALITET_CORS_ORIGINS; default none).")
    var corsOrigin: String?

    @Option(help: "Seconds a keep-alive connection may sit idle (env KVALITET_IDLE_TIMEOUT; default 60).")
    var idleTimeout: String?

    @Option(help: "Seconds a client has to send a complete request head (env KVALITET_HEADER_TIMEOUT; default 10).")
    var headerTimeout: String?

    @Option(help: "Open connections at most; more are closed at once (env KVALITET_MAX_CONNECTIONS; default 1024).")
    var maxConnections: String?

    @Option(help: "Kolada API root for the admins' import endpoint (env KVALITET_KOLADA_BASE_URL; default https://api.kolada.se/v3).")
    var koladaBaseUrl: String?
    @Option(help: "The OpenAPI document served at GET /openapi.yaml, read at start; missing is a warning (env KVALITET_OPENAPI; default ./openapi.yaml).")
    var openapi: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let (config, services, logger) = try options.open { config, problems in
            identity.apply(to: &config, environment: env, problems: &problems)
            if let host = host ?? env["KVALITET_HOST"] {
                if host.isEmpty { problems.append("--host / KVALITET_HOST must not be empty") } else { config.host = host }
            }
            if let text = port ?? env["KVALITET_PORT"] {
                if let value = Int(text), (0...65535).contains(value) { config.port = value }
                else { problems.append("--port / KVALITET_PORT must be a number from 0 to 65535 (got \(text))") }
            }
            func whole(_ flag: String, _ value: String?, _ variable: String, range: ClosedRange<Int>) -> Int? {
                guard let text = value ?? env[variable] else { return nil }
                guard let number = Int(text), range.contains(number) else {
                    problems.append("\(flag) / \(variable) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(text))")
                    return nil
                }
                return number
            }
            if let seconds = whole("--idle-timeout", idleTimeout, "KVALITET_IDLE_TIMEOUT", range: 1...86_400) {
                config.idleTimeoutSeconds = Int64(seconds)
            }
            if let seconds = whole("--header-timeout", headerTimeout, "KVALITET_HEADER_TIMEOUT", range: 1...3_600) {
                config.limits.headerTimeout = .seconds(Int64(seconds))
            }
            if let count = whole("--max-connections", maxConnections, "KVALITET_MAX_CONNECTIONS", range: 1...100_000) {
                config.limits.maxConnections = count
            }
            if let text = koladaBaseUrl ?? env["KVALITET_KOLADA_BASE_URL"] {
                if let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil { config.koladaBaseURL = url }
                else { problems.append("--kolada-base-url / KVALITET_KOLADA_BASE_URL must be an http(s) URL (got \(text))") }
            }
            if let path = openapi ?? env["KVALITET_OPENAPI"] {
                if path.isEmpty { problems.append("--openapi / KVALITET_OPENAPI must not be empty") } else { config.openAPIPath = path }
            }
            if let origins = corsOrigin ?? env["KVALITET_CORS_ORIGINS"] {
                config.corsOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                for origin in config.corsOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
                    problems.append("--cors-origin: \(origin) must start with http:// or https://")
                }
            }
        }
        let firstToken = try await services.tokens.createInitialAdminIfNone()
        let listenHost = config.host
        let app = buildApplication(config, services: services, logger: logger) { port in
            if let firstToken {
                printError("""
                    Kvalitet created the first admin token. It is shown only this once; keep it safe:

                        \(firstToken)

                    Try:  curl -H 'Authorization: Bearer \(firstToken)' http://\(listenHost):\(port)/api/v1/verksamheter
                    """)
            }
            printError("Kvalitet listening on http://\(listenHost):\(port)")
        }
        try await app.runService()
        logger.info("stopped")
    }
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
        abstract: "Run SQLite's integrity check and recount the report's sums from the records; exit 1 unless both agree.")
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
