import KvalitetDomain

/// The kvalitetsberättelse as flat CSV for Excel: one row per figure, its path (items named by
/// year, code, area, unit or authority) and its value. With `labels=sv` the headers are Swedish
/// and the codes naming items are the kodverk's labels (as `GET /api/v1/kodverk` has them).
enum ReportCSV {
    /// The two columns: their names, and their Swedish headers for `labels=sv`.
    static let columns: [(field: String, swedish: String)] = [("figur", "Figur"), ("varde", "Värde")]

    /// The code list of the items of each list of the report named by code (the list's key), and of
    /// the supervision cases (named by authority): the one place the report's codes get their labels.
    static let codeLists: [String: [String: String]] = [
        "byCategory": AvvikelseCategory.labelsByCode, "byRootCause": RootCause.labelsByCode,
        "bySubject": KlagomalSubject.labelsByCode, "byOutcome": KlagomalOutcome.labelsByCode,
        "bySubmitter": KlagomalSubmitter.labelsByCode, "byKind": LexSarahKind.labelsByCode,
        "byAssessment": LexSarahAssessment.labelsByCode, "byTrigger": RiskTrigger.labelsByCode,
        "byArea": EgenkontrollArea.labelsByCode, "byMethod": EgenkontrollMethod.labelsByCode,
        "authority": TillsynAuthority.labelsByCode,
    ]

    /// The whole CSV after the byte-order mark; the one timestamp as Stockholm wall-clock time, as
    /// in every CSV export.
    static func text(_ report: Kvalitetsberattelse, labels: CSVLabels) -> String {
        let rows = flatRows(ReportWire.json(report), labels: labels).map { row in
            CSVFormat.row(cells: [.text(row.0), row.0 == "generatedAt" ? .time(report.generatedAt) : row.1])
        }
        return CSVFormat.row(columns.map { labels == .sv ? $0.swedish : $0.field }) + rows.joined()
    }

    static func flatRows(_ value: JSONValue, path: String = "", labels: CSVLabels = .fields) -> [(String, CSVCell)] {
        switch value {
        case .object(let object):
            return object.members.flatMap {
                flatRows($0.value, path: path.isEmpty ? $0.key : path + "." + $0.key, labels: labels)
            }
        case .array(let items):
            let list = path.split(separator: ".").last.map(String.init) ?? ""
            return items.flatMap { item -> [(String, CSVCell)] in
                guard case .object(var object) = item else { return flatRows(item, path: path, labels: labels) }
                let labelKey = ["year", "code", "area", "unitId", "authority"].first { object[$0] != nil }
                let label =
                    labelKey.map { key in
                        let codes = key == "code" ? codeLists[list] : key == "authority" ? codeLists[key] : nil
                        let written = CSVFormat.cell(labels.shown(object[key], codeLabels: codes)).written
                        return written.isEmpty ? "-" : written
                    } ?? "?"
                if let labelKey { object[labelKey] = nil }
                if object.keys == ["count"] { return [(path + "." + label, CSVFormat.cell(object["count"]))] }
                return flatRows(.object(object), path: path + "." + label, labels: labels)
            }
        case .null:
            return [(path, .text(""))]
        default:
            return [(path, CSVFormat.cell(labels.shown(value, codeLabels: nil)))]
        }
    }
}
