import Foundation

/// The XML schemas a package's METS.xml uses, shipped beside the binary in `earkiv-schemas/`
/// (setting `--earkiv-schemas`, `KVALITET_EARKIV_SCHEMAS`) and copied into the package's `schemas/`,
/// each listed in the Schemas file group (E-ARK CSIP 2.1 CSIP113, CSIPSTR15).
///
/// mets.xsd (METS 1.12.1) imports xlink from the Library of Congress's address and uses its attribute
/// group names; xlink.xsd is the W3C's (as in the CSIP reference package), and xlink-mets.xsd adds the
/// LoC names to it and imports xml.xsd first, so the set validates together offline.
struct EarkivSchemas: Sendable {
    /// The folder holding the files below.
    let folder: String

    /// The schemas, in the order METS.xml's `xsi:schemaLocation` and the Schemas file group name them:
    /// file name and, for the ones METS.xml uses directly, the namespace it declares.
    static let files: [(name: String, namespace: String?)] = [
        ("xlink-mets.xsd", "http://www.w3.org/1999/xlink"),
        ("mets.xsd", "http://www.loc.gov/METS/"),
        ("CSIPExtensionMETS.xsd", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"),
        ("xlink.xsd", nil),
        ("xml.xsd", nil),
    ]

    /// `xsi:schemaLocation` of the package METS: namespace and path in the package, pairwise.
    static var schemaLocation: String {
        files.compactMap { file in file.namespace.map { "\($0) schemas/\(file.name)" } }.joined(separator: " ")
    }

    /// Each schema's name and bytes. Throws `EarkivError.schemasMissing` naming the first file absent.
    func load() throws -> [(name: String, bytes: [UInt8])] {
        try Self.files.map { file in
            let path = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EarkivError.schemasMissing(path)
            }
            return (file.name, Array(data))
        }
    }
}
