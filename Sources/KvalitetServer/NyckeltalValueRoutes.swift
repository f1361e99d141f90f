import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// A key figure's values (aggregates: every reading role) and analyses (free text: quality staff
/// only, reads audited), each created or replaced per period with If-Match to replace.
struct NyckeltalValueRoutes: Sendable {
    let store: NyckeltalStore
    let clock: any KvalitetClock

    static let valueParameters: Set<String> = ["from", "to", "unitId", "format", "labels"]

    /// The values CSV's columns: their names, and their Swedish headers for `labels=sv`.
    static let csvColumns: [(field: String, swedish: String)] = [
        ("code", "Kod"), ("period", "Period"), ("unitId", "Enhet"), ("value", "Värde"), ("level", "Nivå"),
        ("version", "Version"), ("updatedAt", "Ändrad"), ("updatedBy", "Ändrad av"),
    ]

    func register(on table: inout RouteRegistrar) {
        let base = NyckeltalRoutes.base + "/:code"
        table.add(.get, base + "/values", query: Self.valueParameters, use: values)
        table.add(.put, base + "/values/:period", use: putValue)
        table.add(.get, base + "/analyses", use: analyses)
        table.add(.get, base + "/analyses/:period", use: readAnalysis)
        table.add(.put, base + "/analyses/:period", use: putAnalysis)
        table.add(.get, base + "/analyses/:period/history", use: analysisHistory)
    }

    private func period(_ context: KvalitetContext) throws -> NyckeltalPeriod {
        let text = context.parameters.get("period") ?? ""
        guard let period = NyckeltalPeriod(text) else {
            throw DomainError.invalid([
                FieldProblem(
                    "/period", .invalidFormat(example: "2018H1"),
                    detail: "the period in the path \(NyckeltalPeriod.mustBe)")
            ])
        }
        return period
    }

    private static func ifMatch(_ request: Request) throws -> Int? {
        request.headers[.ifMatch] == nil ? nil : try ETag.requiredVersion(request)
    }

    @Sendable func values(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readAggregates.check(actor)
        let code = try NyckeltalRoutes.code(context)
        var reader = QueryReader(request, allowed: Self.valueParameters)
        var query = NyckeltalValueQuery()
        for name in ["from", "to"] {
            guard let text = reader.string(name) else { continue }
            guard let period = NyckeltalPeriod(text) else {
                reader.fail(name, .invalidFormat(example: "2018Q2"), detail: NyckeltalPeriod.mustBe)
                continue
            }
            if name == "from" { query.from = period } else { query.to = period }
        }
        query.unitId = reader.text("unitId", max: 64)
        let format = ResponseFormat.negotiate(request, &reader, offers: [.json, .csv])
        let labels = CSVLabels.read(&reader)
        try reader.throwIfAny()
        let stored = try await NyckeltalRoutes.existing(store, code)
        let levels = stored.nyckeltal.qualityLevels
        let items = try await store.values(code: code, query: query, by: actor)
        guard format == .csv else {
            return Reply.list(items.map { NyckeltalWire.json($0, levels: levels) }, nextCursor: nil)
        }
        var text = CSVFormat.row(Self.csvColumns.map { labels == .sv ? $0.swedish : $0.field })
        for value in items {
            let level = levels.level(of: value.value)
            text += CSVFormat.row(cells: [
                .text(code), .text(value.period.description), .text(value.unitId ?? ""),
                .number(value.value.description),
                .text((labels == .sv ? level?.label : level?.rawValue) ?? ""),
                .int(value.version), .time(value.updatedAt), .text(value.updatedBy),
            ])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"nyckeltal-\(code)-\(SwedishTime.today(clock)).csv\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: CSVFormat.bom + Array(text.utf8))))
    }

    @Sendable func putValue(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeNyckeltal.check(actor)
        let code = try NyckeltalRoutes.code(context)
        let ifMatch = try Self.ifMatch(request)
        let (object, _) = try await BodyReader.object(request, context: context)
        var d = WireDecoder()
        d.checkKeys(
            object, allowed: ["unitId", "value"],
            readOnly: ["code", "period", "level", "version", "updatedAt", "updatedBy"])
        let unitId = d.string(object["unitId"], at: "/unitId")
        let value = d.fixed(object["value"], at: "/value", required: true)
        let period = NyckeltalPeriod(context.parameters.get("period") ?? "")
        if period == nil {
            d.problem("/period", .invalidFormat(example: "2018H1"),
            detail: "the period in the path \(NyckeltalPeriod.mustBe)")
        }
        guard d.problems.isEmpty, let value, let period else { throw DomainError.invalid(d.problems) }
        let (stored, created) = try await store.putValue(
            code: code, period: period, unitId: unitId, value: value, ifMatch: ifMatch, by: actor)
        let levels = try await NyckeltalRoutes.existing(store, code).nyckeltal.qualityLevels
        return Reply.json(
            NyckeltalWire.json(stored, levels: levels), status: created ? .created : .ok,
            headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func analyses(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readNyckeltalText.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let code = try NyckeltalRoutes.code(context)
        let items: [JSONValue] = try await store.analyses(code: code).map { summary in
            .object(
                JSONObject([
                    ("code", .string(code)), ("period", .string(summary.period.description)),
                    ("version", .int(summary.version)),
                    ("updatedAt", .string(Timestamp.format(summary.changedAt))),
                    ("updatedBy", .string(summary.changedBy)),
                ]))
        }
        return Reply.list(items, nextCursor: nil)
    }

    @Sendable func readAnalysis(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readNyckeltalText.check(actor)
        let stored = try await store.analysis(
            code: try NyckeltalRoutes.code(context), period: try period(context), by: actor)
        return Reply.json(NyckeltalWire.json(stored), headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func putAnalysis(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeNyckeltal.check(actor)
        try Permission.checkOrganisationWide(actor)
        let code = try NyckeltalRoutes.code(context)
        let ifMatch = try Self.ifMatch(request)
        let (object, _) = try await BodyReader.object(request, context: context)
        var d = WireDecoder()
        d.checkKeys(
            object, allowed: Set(NyckeltalAnalysis.keys),
            readOnly: ["code", "period", "version", "updatedAt", "updatedBy"])
        let texts = NyckeltalAnalysis.keys.map { d.string(object[$0], at: "/\($0)") ?? "" }
        let analysis = NyckeltalAnalysis(
            currentState: texts[0], factors: texts[1], measures: texts[2], consequences: texts[3])
        let period = NyckeltalPeriod(context.parameters.get("period") ?? "")
        if period == nil {
            d.problem("/period", .invalidFormat(example: "2018H1"),
            detail: "the period in the path \(NyckeltalPeriod.mustBe)")
        }
        let reported = Set(d.problems.map(\.pointer))
        let problems = d.problems + analysis.validate().filter { !reported.contains($0.pointer) }
        guard problems.isEmpty, let period else { throw DomainError.invalid(problems) }
        let (stored, created) = try await store.putAnalysis(
            code: code, period: period, analysis: analysis, ifMatch: ifMatch, by: actor)
        return Reply.json(
            NyckeltalWire.json(stored), status: created ? .created : .ok, headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func analysisHistory(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readNyckeltalText.check(actor)
        try QueryReader(request, allowed: []).throwIfAny()
        let code = try NyckeltalRoutes.code(context)
        let period = try period(context)
        let versions = try await store.analysisHistory(code: code, period: period, by: actor)
        var previous: JSONObject?
        let items: [JSONValue] = versions.map { version in
            guard case .object(let object) = NyckeltalWire.json(version) else { return .null }
            let changed = NyckeltalAnalysis.keys.filter { previous == nil || previous?[$0] != object[$0] }
            previous = object
            return .object(
                JSONObject([
                    ("version", .int(version.version)), ("changedAt", .string(Timestamp.format(version.changedAt))),
                    ("changedBy", .string(version.changedBy)), ("requestId", .optional(version.requestId)),
                    ("changedFields", .array(changed.map(JSONValue.string))), ("analysis", .object(object)),
                ]))
        }
        return Reply.json(
            .object(
                JSONObject([("code", .string(code)), ("period", .string(period.description)), ("items", .array(items))])
            ))
    }
}
