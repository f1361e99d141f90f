import Crypto
import Foundation
import KvalitetDomain
import KvalitetStorage

/// `kvalitet earkiv export`: selects a year's closed cases (`EarkivStore.urval`), writes them as an
/// E-ARK CSIP 2.1 / SIP package (FGS Paketstruktur's layout) and records the delivery.
///
/// The package, in the folder `{to}/{packageId}` (the METS OBJID):
/// - `METS.xml`: the package METS (see `EarkivMETS.package`), SHA-256 of every file it names;
/// - `metadata/descriptive/{case}.xml`: each case (`EarkivArendeXML`), one dmdSec each;
/// - `representations/rep1/METS.xml` and `representations/rep1/data/{case}.pdf`: PDF/A-3b renditions;
/// - `schemas/kvalitet-arende.xsd`, `documentation/leverans.txt` (what was selected, and why).
/// It is written under a hidden name and renamed into place when whole; the delivery is recorded
/// only after that, and the package removed again if recording is refused.
public struct EarkivExport: Sendable {
    let store: EarkivStore
    let rendition: EarkivRendition
    let clock: any KvalitetClock

    public init(_ database: KvalitetDatabase, weasyprint: String, clock: any KvalitetClock) {
        self.store = EarkivStore(database)
        self.rendition = EarkivRendition(weasyprint: weasyprint)
        self.clock = clock
    }

    /// What an export did: the delivery as recorded, where the package is, and what it left out.
    public struct Result: Sendable {
        public let leverans: EarkivLeverans
        public let folder: URL
        public let leftOutByRule: Int
        public let open: Int
    }

    /// Exports `year`'s cases of `families` into a new package folder under `folder` and records it.
    /// Throws `EarkivError` (renderer missing, nothing to deliver, folder problems) or
    /// `DomainError.conflict` (a case changed meanwhile), having delivered nothing.
    public func export(year: Int, families: [RecordFamily], to folder: URL, by actor: Actor) async throws -> Result {
        _ = try rendition.executable()
        let urval = try await store.urval(year: year, families: families)
        guard !urval.cases.isEmpty else {
            throw EarkivError.nothingToDeliver(
                "no closed case of \(year) (\(families.map(\.rawValue).joined(separator: ", "))) to deliver: "
                    + "\(urval.open) still open, \(urval.leftOutByRule) left out by rule (no e-arkiv required)")
        }
        let now = clock.now()
        let packageId = "kvalitet-\(year)-\(UUID().uuidString.lowercased())"
        let target = folder.appendingPathComponent(packageId)
        let sha = try write(urval, packageId: packageId, created: now, to: target)
        let leverans = EarkivLeverans(
            packageId: packageId, madeAt: now, madeBy: actor.tokenName, year: year, families: families,
            records: urval.cases.count, metsSha256: sha)
        do {
            try await store.record(leverans, cases: urval.cases, by: actor)
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
        return Result(leverans: leverans, folder: target, leftOutByRule: urval.leftOutByRule, open: urval.open)
    }

    /// Writes the package into `target` (which must not exist); returns the SHA-256 of its METS.xml.
    func write(_ urval: EarkivUrval, packageId: String, created: Date, to target: URL) throws -> String {
        let files = FileManager.default
        guard !files.fileExists(atPath: target.path) else { throw EarkivError.folder("\(target.path) exists already") }
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(packageId).partial")
        let work = target.deletingLastPathComponent().appendingPathComponent(".\(packageId).work")
        defer { try? files.removeItem(at: work) }
        do {
            for sub in ["metadata/descriptive", "representations/rep1/data", "schemas", "documentation"] {
                try files.createDirectory(
                    at: partial.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try files.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw EarkivError.folder("cannot make the package folder in \(target.deletingLastPathComponent().path)")
        }
        do {
            var descriptive: [METSFile] = []
            var data: [METSFile] = []
            for arende in urval.cases {
                let xml = EarkivArendeXML.document(arende)
                descriptive.append(
                    try put(xml, "metadata/descriptive/\(arende.id).xml", in: partial, id: arende.id,
                            mime: "text/xml", created: created))
                let html = work.appendingPathComponent("\(arende.id).html")
                try Data(EarkivRendition.html(arende).utf8).write(to: html)
                let pdf = partial.appendingPathComponent("representations/rep1/data/\(arende.id).pdf")
                try rendition.render(html: html, pdf: pdf, log: work.appendingPathComponent("weasyprint.log"))
                data.append(
                    file(Array(try Data(contentsOf: pdf)), href: "data/\(arende.id).pdf", id: arende.id,
                         mime: "application/pdf", created: created))
            }
            let schema = try put(
                Array(EarkivArendeXML.schema.utf8), "schemas/kvalitet-arende.xsd", in: partial, id: "schema-arende",
                mime: "application/xml", created: created)
            let documentation = try put(
                Array(Self.documentation(urval, packageId: packageId, created: created).utf8),
                "documentation/leverans.txt", in: partial, id: "documentation", mime: "text/plain", created: created)
            let representation = try put(
                EarkivMETS.representation(objid: "rep1", created: created, data: data),
                "representations/rep1/METS.xml", in: partial, id: "rep1-mets", mime: "text/xml", created: created)
            let mets = EarkivMETS.package(
                objid: packageId, created: created, descriptive: descriptive, documentation: [documentation],
                schemas: [schema], representation: representation)
            try Data(mets).write(to: partial.appendingPathComponent("METS.xml"))
            try files.moveItem(at: partial, to: target)
            return Self.hex(mets)
        } catch {
            try? files.removeItem(at: partial)
            throw error
        }
    }

    private func put(_ bytes: [UInt8], _ path: String, in root: URL, id: String, mime: String, created: Date) throws
        -> METSFile
    {
        try Data(bytes).write(to: root.appendingPathComponent(path))
        return file(bytes, href: path, id: id, mime: mime, created: created)
    }

    private func file(_ bytes: [UInt8], href: String, id: String, mime: String, created: Date) -> METSFile {
        METSFile(id: id, href: href, mimeType: mime, size: bytes.count, created: created, sha256: Self.hex(bytes))
    }

    /// SHA-256 in lowercase hex.
    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The package's documentation (Swedish): what it holds and what was left out, and why.
    static func documentation(_ urval: EarkivUrval, packageId: String, created: Date) -> String {
        """
        Leverans till e-arkiv från Kvalitet
        Paket: \(packageId)
        Skapat: \(Timestamp.format(created))
        År (diarienummer): \(urval.year)
        Ärendetyper: \(urval.families.map(\.label).joined(separator: ", "))
        Ärenden i paketet: \(urval.cases.count)
        Ej med enligt gallringsregel (ingen leverans till e-arkiv krävs): \(urval.leftOutByRule)
        Ej med eftersom de inte är avslutade: \(urval.open)

        Varje ärende finns som XML i metadata/descriptive (schema: schemas/kvalitet-arende.xsd) med
        alla versioner och anteckningar, och som läsbar PDF/A-3b i representations/rep1/data.

        """
    }
}
