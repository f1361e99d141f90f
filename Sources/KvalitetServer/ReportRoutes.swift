import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/kvalitetsberattelse/{year}`: the yearly figures as JSON, a printable HTML page or flat CSV.
/// Answers `304 Not Modified` to an `If-None-Match` naming the current `ETag`, without computing anything,
/// and sends a report already computed for the same `ETag` as it was (its `generatedAt` included).
struct ReportRoutes: Sendable {
    let reports: ReportStore
    let clock: any KvalitetClock
    let etag = ReportETag()
    /// The reports sent lately, by `ETag`: a report is computed once per data generation, request,
    /// format, unit scope and day, however many ask for it (a few dozen kept, the unused dropped first).
    let rendered = VersionCache<RenderedReport>(capacity: 64)

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/kvalitetsberattelse/:year", query: Self.parameters, use: report)
    }

    static let parameters: Set<String> = ["unitId", "analysisFrom", "analysisTo", "format", "labels"]

    @Sendable func report(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readAggregates.check(actor)
        var query = QueryReader(request, allowed: Self.parameters)
        let yearText = context.parameters.get("year") ?? ""
        let year = yearText.count == 4 && yearText.allSatisfy(\.isASCII) ? Int(yearText) : nil
        if year == nil { query.fail("year", .invalidFormat(example: "2025"), detail: "must be a four-digit year") }
        let unitId = query.text("unitId", max: 64)
        let from = query.date("analysisFrom"), to = query.date("analysisTo")
        query.fail(ReportRequest.validate(year: year, analysisFrom: from, analysisTo: to))
        let format = ResponseFormat.negotiate(request, &query, offers: [.json, .html, .csv])
        // Swedish CSV labels make another rendering (and ETag); JSON and HTML do not change with them.
        let labels = CSVLabels.read(&query)
        let chosen = format == .csv && labels == .sv ? "csv-sv" : format.rawValue
        try query.throwIfAny()
        guard let year else { throw HTTPProblem.badRequest("year") }
        let reportRequest = ReportRequest(year: year, unitId: unitId, analysisFrom: from, analysisTo: to)
        guard reportRequest.analysisFrom <= reportRequest.analysisTo else {
            throw HTTPProblem.badQuery([
                FieldProblem(
                    "analysisTo", .before(other: "analysisFrom", value: reportRequest.analysisFrom.description))
            ])
        }
        let today = SwedishTime.today(clock)
        let current = etag.value(
            generation: try await reports.generation(), request: reportRequest, format: chosen, actor: actor,
            today: today)
        if let ifNoneMatch = request.headers[.ifNoneMatch], ReportETag.matches(ifNoneMatch, current) {
            var headers = ReportETag.cacheHeaders
            headers[.eTag] = current
            return Response(status: .notModified, headers: headers)
        }
        if let sent = rendered.value(for: .init(id: current, version: 0)) { return sent.response(etag: current) }
        let generated = try await reports.generate(reportRequest, by: actor)
        let tag = etag.value(
            generation: generated.generation, request: reportRequest, format: chosen, actor: actor, today: today)
        let body = Self.render(generated, format: chosen, unitId: unitId)
        rendered.store(body, for: .init(id: tag, version: 0))
        return body.response(etag: tag)
    }

    /// The report in `format` (`json`, `html`, `csv` or `csv-sv`: with Swedish labels).
    static func render(_ generated: GeneratedReport, format: String, unitId: String?) -> RenderedReport {
        let report = generated.report
        switch format {
        case "html":
            let names = generated.units.units.mapValues(\.name)
            let scopeName = unitId.flatMap { names[$0] } ?? "Hela organisationen"
            return RenderedReport(
                contentType: "text/html; charset=utf-8", disposition: nil,
                body: ByteBuffer(string: ReportHTML.render(report, unitNames: names, scopeName: scopeName)))
        case "csv", "csv-sv":
            let text = ReportCSV.text(report, labels: format == "csv-sv" ? .sv : .fields)
            return RenderedReport(
                contentType: "text/csv; charset=utf-8",
                disposition: "attachment; filename=\"kvalitetsberattelse-\(report.request.year).csv\"",
                body: ByteBuffer(bytes: CSVFormat.bom + Array(text.utf8)))
        default:
            return RenderedReport(
                contentType: "application/json; charset=utf-8", disposition: nil,
                body: ByteBuffer(bytes: JSONWriter.bytes(ReportWire.json(report))))
        }
    }
}

/// A report as sent: the same bytes for every request with the same `ETag` (the same data
/// generation, request, format, unit scope and day), computed once for all of them.
struct RenderedReport: Sendable {
    let contentType: String
    let disposition: String?
    let body: ByteBuffer

    func response(etag: String) -> Response {
        var headers = ReportETag.cacheHeaders
        headers[.eTag] = etag
        headers[.contentType] = contentType
        if let disposition { headers[.contentDisposition] = disposition }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
