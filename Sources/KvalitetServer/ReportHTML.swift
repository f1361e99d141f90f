import KvalitetDomain
import Mustache

/// The kvalitetsberättelse as a self-contained, printable Swedish page: sections 4.1–5 of the
/// yearly report, figures phrased as the report phrases them ("213 (177)"), SVG bar charts per
/// area and year. No scripts, no external assets. Rendered from `ReportHTMLTemplates` (swift-mustache,
/// every value HTML-escaped) with a `ReportPage` of figures already phrased.
enum ReportHTML {
    static func render(_ report: Kvalitetsberattelse, unitNames: [String: String], scopeName: String) -> String {
        let page = ReportPage(report, unitNames: unitNames, scopeName: scopeName)
        return ReportHTMLTemplates.library.render(page, withTemplate: "page") ?? ""
    }

    /// Swedish thousands separator: 1 258.
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "\u{00A0}" }
            out.append(character)
        }
        return (value < 0 ? "−" : "") + out
    }

    static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10)\u{00A0}%"
    }
}

/// A label and its phrased figure: one row of a two-column table.
struct ReportRow {
    let label: String
    let value: String
}

/// A table of counts per code (labelled from the kodverk) or per unit (by name).
struct CodeTable {
    struct Row {
        let label: String
        let count: String
    }

    let heading: String
    let rows: [Row]
    /// Stored, not computed: the templates see stored properties only (Mirror).
    let hasRows: Bool
    /// A line under the table on how it counts (empty: none).
    let note: String
    let hasNote: Bool

    init(_ heading: String, _ counts: [CodeCount], list: String? = nil, names: [String: String] = [:],
         note: String = "") {
        self.heading = heading
        self.note = note
        hasNote = !note.isEmpty
        rows = counts.map { count in
            Row(label: list.map { Kodverk.label(count.code, in: $0) } ?? names[count.code] ?? count.code,
                count: ReportHTML.number(count.count))
        }
        hasRows = !rows.isEmpty
    }
}

/// A heading with its tables (section 4.2's families).
struct AnalysisSection {
    let heading: String
    let tables: [CodeTable]
}
