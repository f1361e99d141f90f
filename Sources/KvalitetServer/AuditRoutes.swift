import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/audit` (admins): the audit log, newest first, filtered by record, token, person
/// (subject), action and time; as JSON pages or, with `format=csv`, the whole selection as CSV for
/// the loggkontroll.
struct AuditRoutes: Sendable {
    let audit: AuditLog

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/audit", query: Self.parameters, use: entries)
    }

    static let parameters: Set<String> = [
        "recordId", "token", "person", "action", "from", "to", "limit", "cursor", "format", "labels",
    ]
    /// The CSV's columns: their names, and their Swedish headers for `labels=sv`.
    static let csvColumns: [(field: String, swedish: String)] = [
        ("id", "Löpnummer"), ("at", "Tidpunkt"), ("action", "Händelse"), ("recordId", "Ärende"),
        ("token", "Token"), ("personSubject", "Personens id"), ("personName", "Personens namn"),
        ("client", "Klient"), ("clientAddress", "Klientadress"), ("requestId", "Begärans id"),
        ("detail", "Detaljer"),
    ]

    @Sendable func entries(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAudit.check(try context.requireActor())
        var reader = QueryReader(request, allowed: Self.parameters)
        var query = AuditQuery()
        query.limit = reader.int("limit", range: 1...500, default: 50)
        query.recordId = reader.text("recordId", max: 64)
        query.tokenName = reader.text("token", max: 64)
        query.personSubject = reader.text("person", max: 255)
        if let text = reader.string("action") {
            query.action = AuditAction(rawValue: text)
            if query.action == nil {
                reader.fail("action", .notOneOf(allowed: AuditAction.allCases.map(\.rawValue)))
            }
        }
        for name in ["from", "to"] {
            guard let text = reader.string(name) else { continue }
            guard let instant = Self.instant(text, endOfDay: name == "to") else {
                reader.fail(
                    name, .invalidFormat(example: "2025-03-01T08:00:00Z"),
                    detail: "must be an RFC 3339 timestamp or a date YYYY-MM-DD")
                continue
            }
            if name == "from" { query.from = instant } else { query.to = instant }
        }
        if let cursor = reader.string("cursor") {
            if let key = Cursor.decode(cursor), let id = Int64(key), id > 0 {
                query.beforeId = id
            } else {
                reader.fail("cursor", .notACursor)
            }
        }
        let format = reader.choice("format", of: ["json", "csv"])
        let labels = CSVLabels.read(&reader)
        try reader.throwIfAny()
        if format == "csv" || (format == nil && (request.headers[.accept] ?? "").contains("text/csv")) {
            return csv(query, labels: labels)
        }
        var fetch = query
        fetch.limit = query.limit + 1
        var entries = try await audit.entries(fetch)
        let hasMore = entries.count > query.limit
        if hasMore { entries.removeLast() }
        return Reply.list(
            entries.map(Self.json), nextCursor: hasMore ? entries.last.map { Cursor.encode(String($0.id)) } : nil)
    }

    /// A bare date means the whole Swedish day (23 or 25 hours when the clocks change): from its start,
    /// or to its last instant.
    static func instant(_ text: String, endOfDay: Bool) -> Date? {
        if let instant = Timestamp.parse(text) { return instant }
        guard let day = LocalDate(text), day.year >= 1000 else { return nil }
        return endOfDay ? SwedishTime.lastInstant(of: day) : SwedishTime.start(of: day)
    }

    static func json(_ entry: AuditEntry) -> JSONValue {
        let person: JSONValue =
            entry.personSubject.map { subject in
                .object(JSONObject([("subject", .string(subject)), ("displayName", .optional(entry.personName))]))
            } ?? .null
        return .object(
            JSONObject([
                ("id", .int(Int(entry.id))), ("at", .string(Timestamp.format(entry.at))),
                ("token", .string(entry.tokenName)),
                ("action", .string(entry.action)), ("recordId", .optional(entry.recordId)),
                ("requestId", .optional(entry.requestId)), ("detail", .optional(entry.detail)),
                ("person", person), ("client", .optional(entry.client)),
                ("clientAddress", .optional(entry.clientAddress)),
            ]))
    }

    /// Every entry the filters select (ignoring `limit`), newest first, a thousand at a time.
    private func csv(_ query: AuditQuery, labels: CSVLabels) -> Response {
        let audit = audit
        let header = Self.csvColumns.map { labels == .sv ? $0.swedish : $0.field }
        let body = ResponseBody { writer in
            var chunk = CSVFormat.bom + Array(CSVFormat.row(header).utf8)
            var page = query
            page.limit = 1000
            while true {
                let entries = try await audit.entries(page)
                for entry in entries {
                    chunk += Array(
                        CSVFormat.row(
                            cells: [.int(Int(entry.id)), .time(entry.at)]
                                + [
                                    entry.action, entry.recordId ?? "", entry.tokenName, entry.personSubject ?? "",
                                    entry.personName ?? "", entry.client ?? "", entry.clientAddress ?? "",
                                    entry.requestId ?? "", entry.detail ?? "",
                                ].map(CSVCell.text)
                        ).utf8)
                }
                try await writer.write(ByteBuffer(bytes: chunk))
                chunk = []
                guard entries.count == page.limit, let last = entries.last else { break }
                page.beforeId = last.id
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"audit.csv\"",
            ], body: body)
    }
}
