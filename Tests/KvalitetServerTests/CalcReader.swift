import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

/// LibreOffice Calc, headless, as a Swedish spreadsheet user's stand-in: opens CSV files with the
/// sv-SE locale and the import options Excel users get (`;`, `"`, UTF-8, special numbers such as
/// dates detected), saves them as flat OpenDocument (`.fods`) and reads the cells back with their
/// types. Runs with a private profile in a folder it removes.
enum Calc {
    /// The CSV import filter: separator 59 (`;`), text delimiter 34 (`"`), character set 76 (UTF-8),
    /// from line 1, standard column formats, language 1053 (sv-SE), quoted fields not forced to text,
    /// special numbers (dates, times) detected. See LibreOffice help, "CSV Filter Options".
    static let importFilter = "Text - txt - csv (StarCalc):59,34,76,1,,1053,false,true"

    /// One cell: its type (`string`, `float`, `date`, ... or "" when empty) and value.
    struct Cell: Equatable {
        var type = ""
        /// `office:value` for numbers, `office:date-value` for dates, the paragraphs joined by "\n" for text.
        var value = ""
        var text = ""
        var number: Double? { type == "float" ? Double(value) : nil }
    }

    /// `soffice` on the PATH, or nil.
    static func soffice() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Nil when LibreOffice is missing; the test then fails under CI=true with what to install, else skips.
    static func available() -> String? {
        if let soffice = soffice() { return soffice }
        let hint = "LibreOffice Calc is missing: apt-get install -y libreoffice-calc-nogui (Debian)"
        if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: hint)) } else {
            print("skipped: \(hint)")
        }
        return nil
    }

    /// Opens each CSV (name → bytes) in Calc and returns its first sheet's rows.
    static func open(_ files: [String: [UInt8]], with soffice: String) throws -> [String: [[Cell]]] {
        let folder = try TestFolders.make("calc")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder + "/" + name + ".csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let process = Child()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(folder)/profile", "--headless", "--norestore",
            "--infilter=\(importFilter)", "--convert-to", "fods", "--outdir", folder,
        ] + paths
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        var sheets: [String: [[Cell]]] = [:]
        for name in files.keys {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".fods"))
            sheets[name] = try FlatODS.rows(data)
        }
        return sheets
    }
}

/// Reads the first table of a flat OpenDocument spreadsheet into rows of cells.
final class FlatODS: NSObject, XMLParserDelegate {
    private var rows: [[Calc.Cell]] = []
    private var cell: Calc.Cell?
    private var repeated = 1
    private var paragraphs: [String] = []
    private var inParagraph = false
    private var tables = 0

    static func rows(_ data: Data) throws -> [[Calc.Cell]] {
        let reader = FlatODS()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return reader.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch qualifiedName ?? name {
        case "table:table": tables += 1
        case "table:table-row" where tables == 1: rows.append([])
        case "table:table-cell" where tables == 1, "table:covered-table-cell" where tables == 1:
            cell = Calc.Cell(type: attributes["office:value-type"] ?? "",
                             value: attributes["office:value"] ?? attributes["office:date-value"] ?? "")
            repeated = min(Int(attributes["table:number-columns-repeated"] ?? "1") ?? 1, 64)
            paragraphs = []
        case "text:p" where cell != nil: inParagraph = true; paragraphs.append("")
        case "text:line-break" where inParagraph: paragraphs[paragraphs.count - 1] += "\n"
        case "text:s" where inParagraph:
            paragraphs[paragraphs.count - 1] += String(repeating: " ", count: Int(attributes["text:c"] ?? "1") ?? 1)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inParagraph { paragraphs[paragraphs.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch qualifiedName ?? name {
        case "text:p": inParagraph = false
        case "table:table-cell", "table:covered-table-cell":
            guard var finished = cell, !rows.isEmpty else { return }
            finished.text = paragraphs.joined(separator: "\n")
            if finished.type == "string" { finished.value = finished.text }
            rows[rows.count - 1] += Array(repeating: finished, count: repeated)
            cell = nil
        default: break
        }
    }
}

extension Array where Element == [Calc.Cell] {
    /// The cells of the column headed `header` (first row), below the header.
    func column(_ header: String) -> [Calc.Cell] {
        guard let index = first?.firstIndex(where: { $0.text == header }) else { return [] }
        return dropFirst().map { index < $0.count ? $0[index] : Calc.Cell() }
    }
}
