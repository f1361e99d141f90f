import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/api/v1/nyckeltal`: key-figure definitions, created or replaced by code (If-Match to replace),
/// voided never removed. Definitions are aggregates' metadata: every reading role may read them.
struct NyckeltalRoutes: Sendable {
    let store: NyckeltalStore
    let clock: any KvalitetClock

    static let base = "/api/v1/nyckeltal"

    func register(on table: inout RouteRegistrar) {
        table.add(.get, Self.base, query: ["includeVoided", "format", "labels"], use: list)
        table.add(.get, Self.base + "/:code", use: read)
        table.add(.put, Self.base + "/:code", use: put)
        table.add(.delete, Self.base + "/:code", query: ["reason"], use: void)
        table.add(.get, Self.base + "/:code/history", use: history)
    }

    /// A code from the path; one that could never be valid is simply not there.
    static func code(_ context: KvalitetContext) throws -> String {
        let code = context.parameters.get("code") ?? ""
        guard Nyckeltal.isValidCode(code) else { throw DomainError.notFound("no key figure \(code.prefix(32))") }
        return code
    }

    /// A definition that exists, for the routes below it.
    static func existing(_ store: NyckeltalStore, _ code: String) async throws -> StoredNyckeltal {
        guard let stored = try await store.get(code) else { throw DomainError.notFound("no key figure \(code)") }
        return stored
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAggregates.check(try context.requireActor())
        var query = QueryReader(request, allowed: ["includeVoided", "format", "labels"])
        let includeVoided = query.bool("includeVoided")
        let format = ResponseFormat.negotiate(request, &query, offers: [.json, .csv])
        let labels = CSVLabels.read(&query)
        try query.throwIfAny()
        let items = try await store.list(includeVoided: includeVoided)
        if format == .csv {
            return csv(items, labels: labels)
        }
        return Reply.list(items.map(NyckeltalWire.json), nextCursor: nil)
    }

    /// The CSV's columns: their names, and their Swedish headers for `labels=sv` (the levels' bounds
    /// between the first seven and the last three).
    static let csvColumns: [(field: String, swedish: String)] = {
        var columns: [(field: String, swedish: String)] = [
            ("code", "Kod"), ("name", "Namn"), ("description", "Beskrivning"), ("unit", "Måttenhet"),
            ("direction", "Riktning"), ("koladaKpi", "Kolada-KPI"), ("source", "Källa"),
        ]
        for level in QualityLevel.allCases {
            columns.append(("\(level.rawValue).min", "\(level.label), från"))
            columns.append(("\(level.rawValue).max", "\(level.label), till"))
        }
        return columns + [("version", "Version"), ("updatedAt", "Ändrad"), ("voidedOn", "Makulerad")]
    }()

    /// One row per key figure, the levels as six columns; nothing here is free text about people.
    /// With `labels=sv`, Swedish headers and the unit and direction as the kodverk's labels.
    private func csv(_ items: [StoredNyckeltal], labels: CSVLabels) -> Response {
        var text = CSVFormat.row(Self.csvColumns.map { labels == .sv ? $0.swedish : $0.field })
        for stored in items {
            let n = stored.nyckeltal
            let bounds = QualityLevel.allCases.flatMap { level -> [CSVCell] in
                let range = n.qualityLevels.range(level)
                return [.number(range.min.description), .number(range.max.description)]
            }
            let swedish = labels == .sv
            let texts = [
                n.code, n.name, n.description, swedish ? n.unit.label : n.unit.rawValue,
                swedish ? n.direction.label : n.direction.rawValue, n.koladaKpi ?? "", n.source,
            ]
            text += CSVFormat.row(
                cells: texts.map(CSVCell.text) + bounds
                    + [.int(stored.version), .time(stored.updatedAt), .date(stored.voided?.on)])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"nyckeltal-\(SwedishTime.today(clock)).csv\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: CSVFormat.bom + Array(text.utf8))))
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAggregates.check(try context.requireActor())
        let stored = try await Self.existing(store, try Self.code(context))
        return Reply.json(NyckeltalWire.json(stored), headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func put(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeNyckeltal.check(actor)
        try Permission.checkOrganisationWide(actor)
        let code = context.parameters.get("code") ?? ""
        let ifMatch = request.headers[.ifMatch] == nil ? nil : try ETag.requiredVersion(request)
        let (object, _) = try await BodyReader.object(request, context: context)
        guard Nyckeltal.isValidCode(code) else {
            throw DomainError.invalid([
                FieldProblem(
                    "/code", .invalidFormat(example: "KF24"),
                    detail: "the code in the path must be 1–32 characters of A–Z, a–z, 0–9, _ and -")
            ])
        }
        let nyckeltal = try NyckeltalWire.definition(object, code: code)
        let (stored, created) = try await store.put(nyckeltal, ifMatch: ifMatch, by: actor)
        var headers: HTTPFields = [.eTag: ETag.value(stored.version)]
        if created { headers[.location] = "\(Self.base)/\(code)" }
        return Reply.json(NyckeltalWire.json(stored), status: created ? .created : .ok, headers: headers)
    }

    @Sendable func void(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeNyckeltal.check(actor)
        try Permission.checkOrganisationWide(actor)
        let code = try Self.code(context)
        let version = try ETag.requiredVersion(request)
        let query = QueryReader(request, allowed: ["reason"])
        try query.throwIfAny()
        let queryReason = query.string("reason")
        let reason = try await VoidReason.resolve(queryReason, request, context: context)
        let stored = try await store.void(code, ifMatch: version, reason: reason, by: actor)
        return Reply.json(NyckeltalWire.json(stored), headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func history(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAggregates.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let code = try Self.code(context)
        let versions = try await store.history(code)
        let items: [JSONValue] = versions.map { version in
            .object(
                JSONObject([
                    ("version", .int(version.stored.version)), ("action", .string(version.action.rawValue)),
                    ("changedAt", .string(Timestamp.format(version.changedAt))),
                    ("changedBy", .string(version.changedBy)),
                    ("requestId", .optional(version.requestId)), ("nyckeltal", NyckeltalWire.json(version.stored)),
                ]))
        }
        return Reply.json(.object(JSONObject([("code", .string(code)), ("items", .array(items))])))
    }
}
