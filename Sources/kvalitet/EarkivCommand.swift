import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet earkiv export`: a year's closed cases as an E-ARK CSIP / FGS SIP package, recorded as
/// a delivery (so that `kvalitet gallring run` may remove them afterwards).
struct EarkivCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earkiv", abstract: "Deliver records to the e-arkiv.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a year's closed cases as a submission information package (E-ARK CSIP 2.1, FGS) "
                + "and record the delivery.")
        @Option(help: "The year of the case numbers (YYYY).") var year: Int
        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(
                "Families to deliver (default all): "
                    + RecordFamily.allCases.map(\.rawValue).joined(separator: ", ")))
        var family: [String] = []
        @Option(help: "The folder the package folder is made in (created if missing).") var to: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            guard (1000...9999).contains(year) else { throw ValidationError("--year must be a year YYYY") }
            var families: [RecordFamily] = []
            for name in family {
                guard let parsed = RecordFamily(rawValue: name) else {
                    throw ValidationError(
                        "--family \(name) is not one of "
                            + RecordFamily.allCases.map(\.rawValue).joined(separator: ", "))
                }
                if !families.contains(parsed) { families.append(parsed) }
            }
            if families.isEmpty { families = RecordFamily.allCases }
            let (config, services, logger) = try options.open(Setting.earkiv)
            let folder = URL(fileURLWithPath: to)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let export = EarkivExport(services.database, weasyprint: config.weasyprintPath, clock: config.clock)
            do {
                let result = try await export.export(year: year, families: families, to: folder, by: commandLineActor)
                logger.notice(
                    "earkiv: package delivered",
                    metadata: ["package": "\(result.leverans.packageId)", "records": "\(result.leverans.records)"])
                print("package \(result.leverans.packageId): \(result.leverans.records) cases in \(result.folder.path)")
                print("left out: \(result.leftOutByRule) by rule (no e-arkiv required), \(result.open) still open")
                print("METS.xml sha256 \(result.leverans.metsSha256)")
            } catch let error as EarkivError {
                throw ValidationError(error.description)
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }
}
