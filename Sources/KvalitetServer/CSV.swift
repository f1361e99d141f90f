import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// CSV for Excel: UTF-8 with BOM, `;` between fields, CRLF between rows, one row per record.
enum CSVFormat {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ";") + "\r\n"
    }

    /// Quotes what needs quoting, and defuses text Excel would run as a formula (=, +, -, @).
    static func escape(_ field: String) -> String {
        var text = field
        if let first = text.unicodeScalars.first,
            [
                "=", "+", "-", "@", "\t",
                "\r",
            ].contains(first)
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One JSON value as a cell: lists of codes joined, lists of objects counted.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case .none, .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text), .string(let text): return text
        case .array(let items):
            if items.allSatisfy({ if case .object = $0 { false } else { true } }) {
                return items.map { cell($0) }.joined(separator: ", ")
            }
            return String(items.count)
        case .object(let object): return JSONWriter.string(.object(object))
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

    /// The header names a nested column with dots (`investigation.assessment`), as Excel users read it.
    static func header(_ columns: [String]) -> [String] { columns.map { $0.replacingOccurrences(of: "/", with: ".") } }

    static func row(_ record: CaseRecord<Kind>, columns: [String], wire: WireContext) -> String {
        let value = Wire.json(record, wire)
        return CSVFormat.row(
            columns.map { column in
                switch column {
                // Timestamps in Swedish local time with the offset in force (+01:00 or +02:00), as Excel users read
                // them.
                case "createdAt": SwedishTime.localTimestamp(record.createdAt)
                case "updatedAt": SwedishTime.localTimestamp(record.updatedAt)
                case "voidedOn": record.voided?.on.description ?? ""
                case "voidedBy": record.voided?.by ?? ""
                case "voidedReason": record.voided?.reason ?? ""
                default: CSVFormat.cell(value.value(at: column))
                }
            })
    }

    /// With `includeText`, every exported record is audited as a detail read (in the same transaction as its page).
    static func response(
        store: RecordStore<Kind>, query: RecordQuery, actor: Actor, includeText: Bool,
        wire: WireContext
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
            var chunk = CSVFormat.bom + Array(CSVFormat.row(header(columns)).utf8)
            var page = firstPage
            while true {
                for record in page.items { chunk += Array(row(record, columns: columns, wire: wire).utf8) }
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
