import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetServer
@testable import KvalitetStorage
import TestSupport
import Testing

/// `kvalitet earkiv export`: the package (E-ARK CSIP 2.1 / SIP), its validation against METS and the
/// CSIP extension, checksums, the PDF/A renditions, and the delivery it records.
@Suite("E-arkiv export", .serialized)
struct EarkivExportTests {
    static let t0 = TestApp.noon  // 2026-01-15T12:00:00Z

    /// A fresh application, a closed avvikelse of 2025 under a rule that requires the e-arkiv, and an
    /// export of 2025 into a new folder.
    func exported(_ weasyprint: String) async throws -> (TestApp, EarkivExport.Result, CaseRecord<Avvikelse>) {
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        try await cases.rule(.avvikelse, earkiv: true)
        let record = try await cases.closedAvvikelse(title: "Journal saknades & <rättades> \"sent\"")
        let export = EarkivExport(app.services.database, weasyprint: weasyprint, clock: FixedClock(Self.t0))
        let result = try await export.export(
            year: 2025, families: [.avvikelse], to: URL(fileURLWithPath: try TestFolders.make("earkiv")),
            by: cases.admin)
        return (app, result, record)
    }

    @Test func theReferencePackageValidatesAndOneWithAWrongPackageTypeDoesNot() throws {
        guard let tools = EarkivTools.available() else { return }
        let xmllint = tools.xmllint
        let reference = EarkivTools.fixtures.appendingPathComponent("minimal-IP-METS.xml")
        #expect(try EarkivTools.validateMETS(reference.path, with: xmllint) == "")
        let broken = try TestFolders.make("earkiv-broken") + "/METS.xml"
        try String(contentsOf: reference, encoding: .utf8)
            .replacingOccurrences(of: #"OAISPACKAGETYPE="SIP""#, with: #"OAISPACKAGETYPE="SUP""#)
            .write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validateMETS(broken, with: xmllint).contains("OAISPACKAGETYPE"))
    }

    @Test func everyMETSAndCaseDocumentOfAnExportValidatesAgainstItsSchemas() async throws {
        guard let tools = EarkivTools.available() else { return }
        let (xmllint, weasyprint) = (tools.xmllint, tools.weasyprint)
        let (_, result, record) = try await exported(weasyprint)
        let folder = result.folder
        #expect(try EarkivTools.validateMETS(folder.appendingPathComponent("METS.xml").path, with: xmllint) == "")
        let representation = folder.appendingPathComponent("representations/rep1/METS.xml").path
        #expect(try EarkivTools.validateMETS(representation, with: xmllint) == "")
        let caseXML = folder.appendingPathComponent("metadata/descriptive/\(record.id).xml")
        let schema = folder.appendingPathComponent("schemas/kvalitet-arende.xsd").path
        #expect(try EarkivTools.validate(caseXML.path, schema: schema, with: xmllint) == "")
        let text = try String(contentsOf: caseXML, encoding: .utf8)
        #expect(text.contains("<rubrik>Journal saknades &amp; &lt;rättades&gt; &quot;sent&quot;</rubrik>"))
        #expect(EarkivTools.tags("version", in: text).map { $0["handling"] } == ["create", "transition", "transition"])
        #expect(text.contains(#"<falt namn="rootCauses" typ="array">"#))
    }

    @Test func thePackageMeetsTheCSIPRequirementsOnIdentityHeaderFilesAndStructure() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let (_, result, record) = try await exported(weasyprint)
        let mets = try String(contentsOf: result.folder.appendingPathComponent("METS.xml"), encoding: .utf8)
        let root = try #require(EarkivTools.tags("mets", in: mets).first)
        #expect(root["OBJID"] == result.folder.lastPathComponent)  // CSIP1: the package folder's name
        #expect(root["TYPE"] == "OTHER" && root["csip:OTHERTYPE"] == EarkivMETS.otherType)  // CSIP2, CSIP3
        #expect(root["PROFILE"] == EarkivMETS.profile)  // CSIP6
        let header = try #require(EarkivTools.tags("metsHdr", in: mets).first)
        #expect(header["csip:OAISPACKAGETYPE"] == "SIP" && header["CREATEDATE"] == "2026-01-15T12:00:00.000Z")
        let agent = try #require(EarkivTools.tags("agent", in: mets).first)  // CSIP10–13
        #expect([agent["ROLE"], agent["TYPE"], agent["OTHERTYPE"]] == ["CREATOR", "OTHER", "SOFTWARE"])
        #expect(EarkivTools.tags("fileGrp", in: mets).map { $0["USE"] } == [
            "Documentation", "Schemas", "Representations/rep1",
        ])  // CSIP60, CSIP113, CSIP114
        #expect(EarkivTools.tags("dmdSec", in: mets).map { $0["ID"] } == ["ID-dmd-\(record.id)"])
        let divs = EarkivTools.tags("div", in: mets).map { $0["LABEL"] }
        #expect(divs == [result.folder.lastPathComponent, "Metadata", "Documentation", "Schemas", "Representations/rep1"])
        let structMap = try #require(EarkivTools.tags("structMap", in: mets).first)
        #expect(structMap["TYPE"] == "PHYSICAL" && structMap["LABEL"] == "CSIP")  // CSIP81, CSIP82
        let groups = Set(EarkivTools.tags("fileGrp", in: mets).compactMap { $0["ID"] })
        #expect(Set(EarkivTools.tags("fptr", in: mets).compactMap { $0["FILEID"] }) == groups)  // CSIP116–119
        #expect(EarkivTools.tags("mptr", in: mets).map { $0["xlink:href"] } == ["representations/rep1/METS.xml"])
    }

    @Test func everyFileOfThePackageIsNamedWithASizeAndASHA256ThatMatchRecomputation() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let (_, result, record) = try await exported(weasyprint)
        var named: Set<String> = ["METS.xml"]
        for (document, base) in [("METS.xml", ""), ("representations/rep1/METS.xml", "representations/rep1/")] {
            let mets = try String(contentsOf: result.folder.appendingPathComponent(document), encoding: .utf8)
            let files = EarkivTools.tags("file", in: mets)
            let locations = EarkivTools.tags("FLocat", in: mets).compactMap { $0["xlink:href"] }
            #expect(files.count == locations.count)
            var references = zip(files, locations).map { ($0.0, $0.1) }
            references += EarkivTools.tags("mdRef", in: mets).map { ($0, $0["xlink:href"] ?? "") }
            for (attributes, href) in references {
                let url = result.folder.appendingPathComponent(base + href)
                #expect(attributes["CHECKSUMTYPE"] == "SHA-256")
                #expect(attributes["CHECKSUM"] == (try EarkivTools.sha256(url)), "\(href)")
                let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
                #expect(attributes["SIZE"] == size.map(String.init), "\(href)")
                #expect(attributes["MIMETYPE"] != nil && attributes["CREATED"] == "2026-01-15T12:00:00.000Z")
                named.insert(base + href)
            }
        }
        #expect(EarkivTools.files(under: result.folder) == named)
        #expect(named.contains("representations/rep1/data/\(record.id).pdf"))
        let sha = try EarkivTools.sha256(result.folder.appendingPathComponent("METS.xml"))
        #expect(result.leverans.metsSha256 == sha)
    }

    @Test func eachCaseIsRenderedAsAPDFAThreeBDocument() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let (_, result, record) = try await exported(weasyprint)
        let pdf = try Data(contentsOf: result.folder.appendingPathComponent("representations/rep1/data/\(record.id).pdf"))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains(#"pdfaid:part="3""#) && text.contains(#"pdfaid:conformance="B""#))
    }

    @Test func theDeliveryIsRecordedWithItsCasesAndAudited() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let (app, result, record) = try await exported(weasyprint)
        let (leverans, held, audit) = try app.services.database.pool.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT * FROM earkiv_leveranser"),
                try Row.fetchAll(db, sql: "SELECT record_id, version FROM earkiv_leverans_records"),
                try Row.fetchAll(db, sql: "SELECT record_id, detail FROM audit_log WHERE action = 'earkiv_leverans'")
            )
        }
        #expect(leverans?["package_id"] == result.leverans.packageId)
        #expect(leverans?["made_at"] == "2026-01-15T12:00:00.000Z")
        #expect(leverans?["mets_sha256"] == result.leverans.metsSha256 && leverans?["records"] == 1)
        #expect(held.map { [$0["record_id"] as String, String($0["version"] as Int)] } == [
            [record.id.description, String(record.version)]
        ])
        #expect(audit.map { $0["record_id"] as String? } == [record.id.description, nil])
        #expect((audit.last?["detail"] as String?)?.contains(result.leverans.metsSha256) == true)
    }
}

/// The case document alone: notes with their authors, a voided case, text that needs escaping.
@Suite("E-arkiv case document")
struct EarkivArendeXMLTests {
    static let arende = EarkivArende(
        id: "LXS-2025-0007", family: .lexSarah, title: "Fel vid <läkemedels>överlämning", status: "avslutad",
        primaryDate: LocalDate("2025-02-03")!, closedOn: LocalDate("2025-05-20")!, units: ["ifo", "ifo-utr"],
        version: 4, createdAt: TestApp.noon, createdBy: "kvalitet", updatedAt: TestApp.noon,
        voidedOn: LocalDate("2025-05-20"), voidedReason: "Dubblett av LXS-2025-0006",
        body: #"{"title":"Fel","measures":[{"text":"Ny rutin","doneOn":null}],"serious":true,"n":3}"#,
        versions: [
            EarkivVersion(version: 1, action: "create", changedAt: TestApp.noon, changedBy: "kvalitet",
                          snapshot: #"{"title":"Fel"}"#)
        ],
        notes: [
            EarkivNote(number: 1, documentedOn: LocalDate("2025-02-04")!, source: "Intervju", kind: "faktum",
                       authorName: "Eva Ek", authorTitle: "Utredare", text: "Två personal & en vikarie\u{1}",
                       addedAt: TestApp.noon, addedBy: "kvalitet")
        ])

    @Test func aCaseDocumentHoldsItsNotesAuthorsMeasuresAndVoidingAndValidates() throws {
        guard let xmllint = EarkivTools.tool("xmllint", package: "libxml2-utils") else { return }
        let folder = try TestFolders.make("earkiv-case")
        let xml = folder + "/case.xml", xsd = folder + "/kvalitet-arende.xsd"
        try Data(EarkivArendeXML.document(Self.arende)).write(to: URL(fileURLWithPath: xml))
        try EarkivArendeXML.schema.write(toFile: xsd, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validate(xml, schema: xsd, with: xmllint) == "")
        let text = try String(contentsOfFile: xml, encoding: .utf8)
        #expect(EarkivTools.tags("forfattare", in: text) == [["namn": "Eva Ek", "titel": "Utredare"]])
        #expect(text.contains("<text>Två personal &amp; en vikarie</text>"))  // U+0001 cannot be XML: dropped
        #expect(text.contains(#"<makulerat datum="2025-05-20">Dubblett av LXS-2025-0006</makulerat>"#))
        #expect(text.contains(#"<falt namn="measures" typ="array">"#))
        #expect(text.contains(#"<falt namn="doneOn" typ="null"/>"#))
        #expect(text.contains(#"<falt namn="serious" typ="boolean">true</falt>"#))
    }

    /// `arende` with the body as the store keeps it: instants as milliseconds since 1970
    /// (2026-01-15T12:00:00Z is winter, +01:00 in Stockholm; 2026-07-15T12:00:00Z summer, +02:00).
    static let storedBody = EarkivArende(
        id: arende.id, family: arende.family, title: arende.title, status: arende.status,
        primaryDate: arende.primaryDate, closedOn: arende.closedOn, units: arende.units, version: arende.version,
        createdAt: arende.createdAt, createdBy: arende.createdBy, updatedAt: arende.updatedAt,
        voidedOn: nil, voidedReason: nil,
        body: #"{"createdAt":1768478400000,"fields":{"notes":[{"addedAt":1784116800000,"number":1}],"n":3},"#
            + #""updatedAt":1784116800000,"version":4}"#,
        versions: arende.versions, notes: arende.notes)

    @Test func storedInstantsAreWrittenAsXSDateTimesInUTCAndValidate() throws {
        guard let xmllint = EarkivTools.tool("xmllint", package: "libxml2-utils") else { return }
        let folder = try TestFolders.make("earkiv-case")
        let xml = folder + "/case.xml", xsd = folder + "/kvalitet-arende.xsd"
        try Data(EarkivArendeXML.document(Self.storedBody)).write(to: URL(fileURLWithPath: xml))
        try EarkivArendeXML.schema.write(toFile: xsd, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validate(xml, schema: xsd, with: xmllint) == "")
        let text = try String(contentsOfFile: xml, encoding: .utf8)
        #expect(text.contains(#"<falt namn="createdAt" typ="dateTime" tid="2026-01-15T12:00:00.000Z"/>"#))
        #expect(text.contains(#"<falt namn="addedAt" typ="dateTime" tid="2026-07-15T12:00:00.000Z"/>"#))
        #expect(text.contains(#"<falt namn="n" typ="number">3</falt>"#))
        #expect(!text.contains("1768478400000") && !text.contains("1784116800000"))
    }

    @Test func aTimeThatIsNotAnXSDateTimeBreaksTheCaseSchema() throws {
        guard let xmllint = EarkivTools.tool("xmllint", package: "libxml2-utils") else { return }
        let folder = try TestFolders.make("earkiv-case")
        let xml = folder + "/case.xml", xsd = folder + "/kvalitet-arende.xsd"
        let broken = String(decoding: EarkivArendeXML.document(Self.storedBody), as: UTF8.self)
            .replacingOccurrences(of: #"tid="2026-01-15T12:00:00.000Z"/>"#, with: #"tid="1768478400000"/>"#)
        try broken.write(toFile: xml, atomically: true, encoding: .utf8)
        try EarkivArendeXML.schema.write(toFile: xsd, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validate(xml, schema: xsd, with: xmllint).contains("tid"))
    }

    @Test func theRenditionGivesEveryTimeAsStockholmWallClockTime() {
        let html = EarkivRendition.html(Self.storedBody)
        #expect(html.contains("<th>Skapat</th><td>2026-01-15 13:00:00 av kvalitet</td>"))
        #expect(html.contains("createdAt: 2026-01-15 13:00:00"))
        #expect(html.contains("addedAt: 2026-07-15 14:00:00"))
        #expect(html.contains("updatedAt: 2026-07-15 14:00:00"))
        #expect(html.contains("Version 1: create, 2026-01-15 13:00:00 av kvalitet"))
        #expect(!html.contains("1768478400000") && !html.contains("T12:00:00.000Z"))
    }

    @Test func aDocumentThatBreaksTheCaseSchemaIsRefused() throws {
        guard let xmllint = EarkivTools.tool("xmllint", package: "libxml2-utils") else { return }
        let folder = try TestFolders.make("earkiv-case")
        let xml = folder + "/case.xml", xsd = folder + "/kvalitet-arende.xsd"
        let broken = String(decoding: EarkivArendeXML.document(Self.arende), as: UTF8.self)
            .replacingOccurrences(of: "<avslutat>2025-05-20</avslutat>", with: "<avslutat>maj</avslutat>")
        try broken.write(toFile: xml, atomically: true, encoding: .utf8)
        try EarkivArendeXML.schema.write(toFile: xsd, atomically: true, encoding: .utf8)
        #expect(try EarkivTools.validate(xml, schema: xsd, with: xmllint).contains("avslutat"))
    }
}
