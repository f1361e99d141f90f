import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetKolada
import KvalitetServer
import KvalitetStorage

/// `kvalitet kolada …`: comparison values from Kolada, the municipal KPI database.
struct KoladaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kolada", abstract: "Comparison values from Kolada.",
        subcommands: [KoladaImport.self])
}

/// `kvalitet kolada import --kpi U33461 --municipality 1315 [--group G36535] --years 2020-2025`.
struct KoladaImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Fetch a KPI's yearly values for a municipality, its comparison group and the country (0000), "
                + "and store them."
    )

    @OptionGroup var options: DatabaseOptions
    @Option(help: "Kolada KPI id, e.g. U33461.") var kpi: String
    @Option(help: "The municipality's id, e.g. 1315.") var municipality: String
    @Option(help: "A municipality group id for \"liknande kommuner\", e.g. G36535.") var group: String?
    @Option(help: "A year or a span, e.g. 2020-2025.") var years: String
    @Option(help: "Kolada API root (env KVALITET_KOLADA_BASE_URL; default https://api.kolada.se/v3).") var baseUrl:
        String?
    @Option(help: "Seconds to wait for each answer before retrying (default 30).") var timeout: Double = 30

    func run() async throws {
        let request: KoladaImportRequest
        switch KoladaImportRequest.make(kpi: kpi, municipality: municipality, group: group, years: years) {
        case .success(let made): request = made
        case .failure(let error): throw ValidationError(describe(error).replacingOccurrences(of: "/", with: "--"))
        }
        guard
            let base = URL(
                string: baseUrl ?? ProcessInfo.processInfo.environment["KVALITET_KOLADA_BASE_URL"]
                    ?? KoladaClient.defaultBaseURL.absoluteString),
            base.scheme == "http" || base.scheme == "https", base.host != nil
        else {
            throw ValidationError("--base-url must be an http(s) URL such as https://api.kolada.se/v3")
        }
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be 1–600 seconds") }
        let (config, services, logger) = try options.open()
        var client = KoladaClient(baseURL: base, clock: config.clock)
        client.timeout = timeout
        do {
            let importer = KoladaImporter(client: client, store: services.kolada)
            let result = try await importer.run(request, by: commandLineActor)
            let values = result.stored
            logger.info(
                "kolada import",
                metadata: [
                    "kpi": "\(request.kpi)", "pages": "\(result.pages)",
                    "read": "\(result.valuesRead)", "stored": "\(values.count)",
                ])
            // One line per value on stdout (for scripts), the summary on stderr.
            for value in values { print("\(value.kpi)\t\(value.municipality)\t\(value.year)\t\(value.value)") }
            printError(
                "read \(result.valuesRead) values on \(result.pages) pages; stored \(values.count) values of "
                    + "\(request.kpi) for \(request.municipalityIds.joined(separator: ", ")), \(years)")
        } catch let error as KoladaError {
            printError(error.description)
            throw ExitCode(2)
        } catch let error as DomainError {
            throw ValidationError(describe(error))
        }
    }
}
