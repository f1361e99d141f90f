import Foundation
import KvalitetDomain
@testable import KvalitetServer
@testable import KvalitetStorage
import TestSupport
import Testing

/// E-ARK CSIP 2.1 CSIP113: every XML schema the package uses is in it and referenced from the Schemas
/// file group; the package's METS.xml validates offline against those copies alone.
@Suite("E-arkiv schemas in the package", .serialized)
struct EarkivSchemasTests {
    /// The `(namespace, location)` pairs of the root's `xsi:schemaLocation`, in order.
    static func schemaLocations(_ mets: String) throws -> [(namespace: String, location: String)] {
        let root = try #require(EarkivTools.tags("mets", in: mets).first)
        let words = (root["xsi:schemaLocation"] ?? "").split(separator: " ").map(String.init)
        return stride(from: 0, to: words.count - 1, by: 2).map { (words[$0], words[$0 + 1]) }
    }

    @Test func everySchemaTheMETSNamesIsInThePackageAndInItsSchemasFileGroupWithAMatchingChecksum() async throws {
        guard let tools = EarkivTools.available() else { return }
        let (_, result, _) = try await EarkivExportTests().exported(tools.weasyprint)
        let mets = try String(contentsOf: result.folder.appendingPathComponent("METS.xml"), encoding: .utf8)
        let locations = try Self.schemaLocations(mets).map(\.location)
        #expect(Set(try Self.schemaLocations(mets).map(\.namespace)) == [
            "http://www.loc.gov/METS/", "http://www.w3.org/1999/xlink", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
        ])
        let group = try #require(mets.range(of: #"USE="Schemas""#)).upperBound
        let schemasGroup = String(mets[group...]).components(separatedBy: "</fileGrp>")[0]
        let files = EarkivTools.tags("file", in: schemasGroup)
        let hrefs = EarkivTools.tags("FLocat", in: schemasGroup).compactMap { $0["xlink:href"] }
        let checksums = files.compactMap { $0["CHECKSUM"] }
        let listed = Dictionary(zip(hrefs, checksums), uniquingKeysWith: { first, _ in first })
        for location in locations {
            let copy = result.folder.appendingPathComponent(location)
            #expect(FileManager.default.fileExists(atPath: copy.path), "\(location) is not in the package")
            #expect(listed[location] != nil, "\(location) is not in the Schemas file group")
            if FileManager.default.fileExists(atPath: copy.path) {
                #expect(listed[location] == (try EarkivTools.sha256(copy)), "\(location)")
            }
        }
        #expect(Set(listed.keys) == Set(EarkivTools.files(under: result.folder).filter { $0.hasPrefix("schemas/") }))
        #expect(["schemas/mets.xsd", "schemas/CSIPExtensionMETS.xsd"].allSatisfy(locations.contains))
    }

    @Test func thePackageMETSValidatesOfflineAgainstTheSchemasInsideThePackage() async throws {
        guard let tools = EarkivTools.available() else { return }
        let (_, result, _) = try await EarkivExportTests().exported(tools.weasyprint)
        let metsFile = result.folder.appendingPathComponent("METS.xml")
        let locations = try Self.schemaLocations(try String(contentsOf: metsFile, encoding: .utf8))
        try #require(!locations.isEmpty, "METS.xml names no schema")
        // One document importing each namespace from the package's own copy, in the METS's order.
        let imports = locations.map { pair in
            let path = result.folder.appendingPathComponent(pair.location).path
            return "  <xs:import namespace=\"\(pair.namespace)\" schemaLocation=\"\(path)\"/>"
        }
        let wrapper = try TestFolders.make("earkiv-own-schemas") + "/package.xsd"
        try ([
            #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kvalitet:test:own">"#,
        ] + imports + ["</xs:schema>"]).joined(separator: "\n")
            .write(toFile: wrapper, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validate(metsFile.path, schema: wrapper, with: tools.xmllint) == "")
        let copies = try FileManager.default.contentsOfDirectory(
            atPath: result.folder.appendingPathComponent("schemas").path)
        #expect(Set(copies).isSuperset(of: ["mets.xsd", "CSIPExtensionMETS.xsd"]))
    }

    @Test func aMissingSchemaFolderIsAClearErrorAndNothingIsWrittenOrDelivered() async throws {
        guard let tools = EarkivTools.available() else { return }
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        try await cases.rule(.avvikelse, earkiv: true)
        _ = try await cases.closedAvvikelse()
        let export = EarkivExport(
            app.services.database, weasyprint: tools.weasyprint, schemas: "/nonexistent/earkiv-schemas",
            clock: FixedClock(TestApp.noon))
        let target = URL(fileURLWithPath: try TestFolders.make("earkiv-no-schemas"))
        do {
            _ = try await export.export(year: 2025, families: [.avvikelse], to: target, by: cases.admin)
            Issue.record("the export went through without its schemas")
        } catch let error as EarkivError {
            #expect(error == .schemasMissing("/nonexistent/earkiv-schemas/xlink-mets.xsd"))
            #expect(error.description.contains("--earkiv-schemas (KVALITET_EARKIV_SCHEMAS)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        #expect(try await EarkivStore(app.services.database).list(before: nil, limit: 10).isEmpty)
    }
}
