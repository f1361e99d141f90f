import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// One CSV cell by what it holds, so that Swedish Excel (and LibreOffice Calc in sv-SE) reads it as
/// that: text (guarded against formulas), a number with a decimal comma, a date or a local time.
enum CSVCell: Sendable, Equatable {
    case text(String)
    /// A number as JSON writes it (`-3.5`, `87`): written `-3,5`, never guarded.
    case number(String)
    /// `YYYY-MM-DD`; nil is an empty cell.
    case date(LocalDate?)
    /// An instant as Stockholm wall-clock time `YYYY-MM-DD HH:MM:SS`; nil is an empty cell.
    case time(Date?)

    static func int(_ value: Int) -> CSVCell { .number(String(value)) }

    /// The cell's text before quoting.
    var written: String {
        switch self {
        case .text(let text): CSVFormat.guarded(text)
        case .number(let text): text.replacingOccurrences(of: ".", with: ",")
        case .date(let date): date?.description ?? ""
        case .time(let instant): instant.map(SwedishTime.wallClock) ?? ""
        }
    }
}

/// What a CSV's headers and codes say: the API's field names and codes (`labels` absent), or with
/// `labels=sv` Swedish column headers, the kodverk's labels (as `GET /api/v1/kodverk` has them) in
/// code cells, and `ja`/`nej` for true and false.
enum CSVLabels: Sendable {
    case fields, sv

    /// The `labels` query parameter: absent or `sv` (anything else is a `not_one_of` problem).
    static func read(_ query: inout QueryReader) -> CSVLabels {
        query.choice("labels", of: ["sv"]) == nil ? .fields : .sv
    }

    /// A JSON value as this choice shows it: with `sv`, codes (`codeLabels`) as their labels and
    /// booleans as `ja`/`nej`; otherwise as it is.
    func shown(_ value: JSONValue?, codeLabels: [String: String]?) -> JSONValue? {
        guard self == .sv else { return value }
        switch value {
        case .bool(let flag): return .string(flag ? "ja" : "nej")
        case .string(let code): return .string(codeLabels?[code] ?? code)
        case .array(let items) where codeLabels != nil: return .array(items.map { shown($0, codeLabels: codeLabels)! })
        default: return value
        }
    }
}

/// CSV for Swedish Excel: UTF-8 with BOM (so that å, ä and ö are read as UTF-8), `;` between fields
/// (the list separator of Swedish Excel, needed since numbers carry a decimal comma), CRLF between
/// rows, `"` around fields holding `;`, `"` or a line break.
enum CSVFormat {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A row of text cells (headers, names).
    static func row(_ fields: [String]) -> String { row(cells: fields.map(CSVCell.text)) }

    static func row(cells: [CSVCell]) -> String {
        cells.map { quoted($0.written) }.joined(separator: ";") + "\r\n"
    }

    /// Text Excel would run as a formula (starting with =, +, -, @, tab or CR) gets a leading `'`.
    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return text
        }
        return "'" + text
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One JSON value as a cell: numbers as numbers, lists of codes joined, lists of objects counted.
    static func cell(_ value: JSONValue?) -> CSVCell {
        switch value {
        case .none, .null: return .text("")
        case .bool(let flag): return .text(flag ? "true" : "false")
        case .number(let text): return .number(text)
        case .string(let text): return LocalDate(text).map { .date($0) } ?? .text(text)
        case .array(let items):
            if items.allSatisfy({ if case .object = $0 { false } else { true } }) {
                return .text(items.map { cell($0).written }.joined(separator: ", "))
            }
            return .int(items.count)
        case .object(let object): return .text(JSONWriter.string(.object(object)))
        }
    }
}

/// A family's list as CSV, page by page so a large export never sits whole in memory.
enum RecordCSV<Kind: StoredKind> {
    typealias Wire = RecordWire<Kind>

    /// Column paths; a column lying in a free-text path is left out unless `includeText`.
    static func columns(includeText: Bool) -> [String] {
        let isText = { (column: String) in
            Wire.table.freeTextPaths.contains { column == $0 || column.hasPrefix($0 + "/") }
        }
        return ["id", "status"] + Wire.table.csvColumns.filter { includeText || !isText($0) }
            + [
                "version", "createdAt", "createdBy", "updatedAt", "voidedOn",
                "voidedBy",
            ] + (includeText ? ["voidedReason"] : [])
    }

    /// The Swedish headers of the columns every record has besides its family's fields.
    static var recordLabels: [String: String] {
        [
            "id": "Ärendenummer", "status": "Status", "version": "Version", "createdAt": "Skapad",
            "createdBy": "Skapad av", "updatedAt": "Ändrad", "voidedOn": "Makulerad", "voidedBy": "Makulerad av",
            "voidedReason": "Skäl till makulering",
        ]
    }

    /// The headers: the field names, a nested column with dots (`investigation.assessment`) as Excel
    /// users read it; with `sv` each column's Swedish label from the family's field table.
    static func header(_ columns: [String], labels: CSVLabels = .fields) -> [String] {
        guard labels == .sv else { return columns.map { $0.replacingOccurrences(of: "/", with: ".") } }
        let table = Wire.table.csvLabels
        return columns.map { recordLabels[$0] ?? table[$0] ?? $0 }
    }

    static func row(
        _ record: CaseRecord<Kind>, columns: [String], wire: WireContext, labels: CSVLabels = .fields
    ) -> String {
        let value = Wire.json(record, wire)
        let codes = labels == .sv ? Wire.table.csvCodeLabels : [:]
        return CSVFormat.row(
            cells: columns.map { column in
                switch column {
                // Timestamps as Stockholm wall-clock time, which Excel reads as a date and time.
                case "createdAt": .time(record.createdAt)
                case "updatedAt": .time(record.updatedAt)
                case "voidedOn": .date(record.voided?.on)
                case "voidedBy": .text(record.voided?.by ?? "")
                case "voidedReason": .text(record.voided?.reason ?? "")
                case "status" where labels == .sv: .text(record.status.label)
                default: CSVFormat.cell(labels.shown(value.value(at: column), codeLabels: codes[column]))
                }
            })
    }

    /// With `includeText`, every exported record is audited as a detail read (in the same transaction as its page).
    static func response(
        store: RecordStore<Kind>, query: RecordQuery, actor: Actor, includeText: Bool,
        wire: WireContext, labels: CSVLabels
    ) async throws -> Response {
        if includeText { try Permission.exportText.check(actor) }
        let audit: AuditAction? = includeText ? .export : nil
        var pageQuery = query
        pageQuery.limit = 500
        let first = pageQuery
        // The first page is read before the answer starts, so that refusals still become problem+json.
        let firstPage = try await store.list(first, by: actor, auditAs: audit)
        let columns = columns(includeText: includeText)
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(Wire.path)-\(wire.today).csv\"",
        ]
        let body = ResponseBody { writer in
            var chunk = CSVFormat.bom + Array(CSVFormat.row(header(columns, labels: labels)).utf8)
            var page = firstPage
            while true {
                for record in page.items {
                    chunk += Array(row(record, columns: columns, wire: wire, labels: labels).utf8)
                }
                try await writer.write(ByteBuffer(bytes: chunk))
                chunk = []
                guard let next = page.next else { break }
                var following = first
                following.after = next
                page = try await store.list(following, by: actor, auditAs: audit)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
