import Crypto
import Foundation
import KvalitetDomain
@testable import KvalitetServer
@testable import KvalitetStorage
import TestSupport
import Testing

/// xmllint and weasyprint for the e-arkiv tests, the shipped schemas in earkiv-schemas/ (METS 1.12.1,
/// xlink, the CSIP extension), the wrapper Tests/Fixtures/earkiv/package.xsd that validates against them
/// offline, and readers of the METS the export writes.
enum EarkivTools {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/earkiv")
    /// The repository's earkiv-schemas/, the folder the export copies into each package.
    static let schemas = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("earkiv-schemas")

    /// The tool on PATH, or nil: the test then fails under CI=true with what to install, else skips.
    static func tool(_ name: String, package: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if let found = path.split(separator: ":").map({ "\($0)/\(name)" }).first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) {
            return found
        }
        let hint = "\(name) is missing: apt-get install -y \(package) (Debian)"
        if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: hint)) } else {
            print("skipped: \(hint)")
        }
        return nil
    }

    /// Both tools, or nil (see `tool`).
    static func available() -> (xmllint: String, weasyprint: String)? {
        let xmllint = tool("xmllint", package: "libxml2-utils")
        let weasyprint = tool("weasyprint", package: "weasyprint")
        guard let xmllint, let weasyprint else { return nil }
        return (xmllint, weasyprint)
    }

    /// Runs xmllint offline (`--nonet`) with `arguments`; its exit status and stderr.
    static func xmllint(_ xmllint: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--nonet", "--noout"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Validates `file` against `schema` (a path); the errors, empty when valid.
    static func validate(_ file: String, schema: String, with xmllint: String) throws -> String {
        let (status, output) = try Self.xmllint(xmllint, ["--schema", schema, file])
        return status == 0 ? "" : output.split(separator: "\n").filter { !$0.contains("warning") }
            .joined(separator: "\n")
    }

    /// Validates a METS document against METS + xlink + the CSIP extension.
    static func validateMETS(_ file: String, with xmllint: String) throws -> String {
        try validate(file, schema: fixtures.appendingPathComponent("package.xsd").path, with: xmllint)
    }

    /// The attributes of every `<name …>` start tag in `xml`, entities resolved.
    static func tags(_ name: String, in xml: String) -> [[String: String]] {
        let tag = try! Regex("<" + name + "(\\s[^>]*)?/?>")
        let attribute = try! Regex("([A-Za-z:]+)=\"([^\"]*)\"")
        return xml.matches(of: tag).map { match in
            var attributes: [String: String] = [:]
            for pair in String(xml[match.range]).matches(of: attribute) {
                let key = pair.output[1].substring.map(String.init) ?? ""
                let value = pair.output[2].substring.map(String.init) ?? ""
                attributes[key] = value.replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            return attributes
        }
    }

    static func sha256(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    /// Every regular file under `folder`, as paths relative to it.
    static func files(under folder: URL) -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var found: Set<String> = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                found.insert(path)
            }
        }
        return found
    }
}

/// Closed avvikelser made through the store, at the moving clock's instants.
struct EarkivCases {
    let database: KvalitetDatabase
    let admin = Actor(tokenName: "admin", role: .admin, unitScope: nil)

    /// An avvikelse received `on` at ifo-utr and closed 2025-06-10.
    func closedAvvikelse(title: String = "Journal saknades", on date: String = "2025-03-02") async throws
        -> CaseRecord<Avvikelse>
    {
        let store = RecordStore<Avvikelse>(database)
        let fields = Avvikelse.Fields(
            unitId: "ifo-utr", title: title, receivedOn: LocalDate(date)!, category: .dokumentation)
        let record = try await store.create(fields, by: admin).record
        var current = record
        for status in [AvvikelseStatus.underUtredning, .avslutad] {
            current = try await store.change(record.id, expectedVersion: nil, by: admin, action: .transition) {
                current, today in
                var fields = current.fields
                fields.closedOn = status == .avslutad ? LocalDate("2025-06-10") : nil
                fields.rootCauses = status == .avslutad ? [.rutinEjFoljd] : []
                return try Avvikelse.transition(current, to: status, with: fields, today: today)
            }
        }
        return current
    }

    func rule(_ family: RecordFamily, earkiv: Bool) async throws {
        _ = try await GallringsregelStore(database).put(
            Gallringsregel(
                id: family.rawValue.replacingOccurrences(of: "_", with: "-"), family: family, unitId: nil, years: 2,
                basis: .closed, decision: "Dokumenthanteringsplan SN 2025/112", earkivRequired: earkiv),
            by: admin)
    }
}
