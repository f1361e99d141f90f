import Foundation
import KvalitetDomain

/// A file of the package as METS describes it: its package-unique ID, its path from the METS
/// document that names it, IANA type, size in bytes, creation time and SHA-256 (hex).
struct METSFile: Sendable, Equatable {
    let id: String
    let href: String
    let mimeType: String
    let size: Int
    let created: Date
    let sha256: String
}

/// The METS documents of an E-ARK CSIP 2.1 / SIP package (FGS Paketstruktur's structure): the
/// package's `METS.xml` and one representation's. Requirement numbers (CSIPn) are the profile's.
enum EarkivMETS {
    static let profile = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
    /// The content category: outside the CSIP vocabulary, so `OTHER` with `csip:OTHERTYPE` (CSIP2, CSIP3).
    static let otherType = "Kvalitetsarenden"
    static let namespaces: [(String, String)] = [
        ("xmlns", "http://www.loc.gov/METS/"),
        ("xmlns:csip", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ]

    /// The package METS: one dmdSec per case (its XML under metadata/descriptive), file groups for
    /// documentation, schemas and the representation's METS, and the CSIP structural map.
    static func package(
        objid: String, created: Date, descriptive: [METSFile], documentation: [METSFile], schemas: [METSFile],
        representation: METSFile
    ) -> [UInt8] {
        var x = EarkivXMLWriter()
        x.start("mets", namespaces + [
            ("OBJID", objid), ("LABEL", "Leverans till e-arkiv från Kvalitet"), ("TYPE", "OTHER"),
            ("csip:OTHERTYPE", otherType), ("PROFILE", profile),
        ])
        header(&x, created: created)
        for file in descriptive {
            x.start("dmdSec", [("ID", "ID-dmd-" + file.id), ("CREATED", Timestamp.format(file.created))])
            x.element("mdRef", [
                ("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", file.href), ("MDTYPE", "OTHER"),
                ("OTHERMDTYPE", "Kvalitet-arende"), ("MIMETYPE", file.mimeType), ("SIZE", String(file.size)),
                ("CREATED", Timestamp.format(file.created)), ("CHECKSUM", file.sha256), ("CHECKSUMTYPE", "SHA-256"),
            ])
            x.end()
        }
        x.start("fileSec", [("ID", "ID-fileSec")])
        group(&x, use: "Documentation", id: "ID-fileGrp-documentation", documentation)
        group(&x, use: "Schemas", id: "ID-fileGrp-schemas", schemas)
        group(&x, use: "Representations/rep1", id: "ID-fileGrp-rep1", [representation])
        x.end()
        x.start("structMap", [("ID", "ID-structMap"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])
        x.start("div", [("ID", "ID-div-package"), ("LABEL", objid)])
        var metadata = [("ID", "ID-div-metadata"), ("LABEL", "Metadata")]
        if !descriptive.isEmpty {
            metadata.append(("DMDID", descriptive.map { "ID-dmd-" + $0.id }.joined(separator: " ")))
        }
        x.element("div", metadata)
        x.start("div", [("ID", "ID-div-documentation"), ("LABEL", "Documentation")])
        x.element("fptr", [("FILEID", "ID-fileGrp-documentation")])
        x.end()
        x.start("div", [("ID", "ID-div-schemas"), ("LABEL", "Schemas")])
        x.element("fptr", [("FILEID", "ID-fileGrp-schemas")])
        x.end()
        x.start("div", [("ID", "ID-div-rep1"), ("LABEL", "Representations/rep1")])
        x.element("mptr", [
            ("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", representation.href),
            ("xlink:title", "ID-fileGrp-rep1"),
        ])
        x.element("fptr", [("FILEID", "ID-fileGrp-rep1")])
        x.end()
        x.end()
        x.end()
        x.end()
        return x.bytes
    }

    /// The representation's METS (`representations/rep1/METS.xml`): its data files (the PDF/A
    /// renditions) in one file group and a structural map (CSIP4: content information type OTHER).
    static func representation(objid: String, created: Date, data: [METSFile]) -> [UInt8] {
        var x = EarkivXMLWriter()
        x.start("mets", namespaces + [
            ("OBJID", objid), ("TYPE", "OTHER"), ("csip:OTHERTYPE", otherType),
            ("csip:CONTENTINFORMATIONTYPE", "OTHER"), ("PROFILE", profile),
        ])
        header(&x, created: created)
        x.start("fileSec", [("ID", "ID-rep1-fileSec")])
        group(&x, use: "Data", id: "ID-rep1-fileGrp-data", data)
        x.end()
        x.start("structMap", [("ID", "ID-rep1-structMap"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])
        x.start("div", [("ID", "ID-rep1-div"), ("LABEL", objid)])
        x.start("div", [("ID", "ID-rep1-div-data"), ("LABEL", "Data")])
        x.element("fptr", [("FILEID", "ID-rep1-fileGrp-data")])
        x.end()
        x.end()
        x.end()
        x.end()
        return x.bytes
    }

    /// metsHdr with the creating software (CSIP7–CSIP16) and the package type SIP (CSIP9).
    private static func header(_ x: inout EarkivXMLWriter, created: Date) {
        x.start("metsHdr", [("CREATEDATE", Timestamp.format(created)), ("csip:OAISPACKAGETYPE", "SIP")])
        x.start("agent", [("ROLE", "CREATOR"), ("TYPE", "OTHER"), ("OTHERTYPE", "SOFTWARE")])
        x.element("name", text: "Kvalitet")
        x.element("note", [("csip:NOTETYPE", "SOFTWARE VERSION")], text: KvalitetVersion.current)
        x.end()
        x.end()
    }

    /// A file group: each file with ID, MIMETYPE, SIZE, CREATED, SHA-256 CHECKSUM and its FLocat (CSIP64–79).
    private static func group(_ x: inout EarkivXMLWriter, use: String, id: String, _ files: [METSFile]) {
        x.start("fileGrp", [("ID", id), ("USE", use)])
        for file in files {
            x.start("file", [
                ("ID", "ID-file-" + file.id), ("MIMETYPE", file.mimeType), ("SIZE", String(file.size)),
                ("CREATED", Timestamp.format(file.created)), ("CHECKSUM", file.sha256), ("CHECKSUMTYPE", "SHA-256"),
            ])
            x.element("FLocat", [("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", file.href)])
            x.end()
        }
        x.end()
    }
}
