import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/kvalitetsberattelse/{year}`: the yearly figures as JSON, a printable HTML page or flat CSV.
/// Answers `304 Not Modified` to an `If-None-Match` naming the current `ETag`, without computing anything.
struct ReportRoutes: Sendable {
    let reports: ReportStore
    let clock: any KvalitetClock
    let etag = ReportETag()

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/kvalitetsberattelse/:year", query: Self.parameters, use: report)
    }

    static let parameters: Set<String> = ["unitId", "analysisFrom", "analysisTo", "format"]

    @Sendable func report(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readAggregates.check(actor)
        var query = QueryReader(request, allowed: Self.parameters)
        let yearText = context.parameters.get("year") ?? ""
        let year = yearText.count == 4 && yearText.allSatisfy(\.isASCII) ? Int(yearText) : nil
        if year == nil { query.fail("year", "must be a four-digit year") }
        let unitId = query.text("unitId", max: 64)
        let from = query.date("analysisFrom"), to = query.date("analysisTo")
        for problem in ReportRequest.validate(year: year, analysisFrom: from, analysisTo: to) {
            query.fail(problem.pointer, problem.detail)
        }
        let chosen = ResponseFormat.negotiate(request, &query, offers: [.json, .html, .csv]).rawValue
        try query.throwIfAny()
        guard let year else { throw HTTPProblem.badRequest("year") }
        let reportRequest = ReportRequest(year: year, unitId: unitId, analysisFrom: from, analysisTo: to)
        guard reportRequest.analysisFrom <= reportRequest.analysisTo else {
            throw HTTPProblem.badQuery([
                ("analysisTo", "must not be before analysisFrom (\(reportRequest.analysisFrom))")
            ])
        }
        let today = SwedishTime.today(clock)
        if let ifNoneMatch = request.headers[.ifNoneMatch] {
            let current = etag.value(
                generation: try await reports.generation(), request: reportRequest, format: chosen, actor: actor,
                today: today)
            if ReportETag.matches(ifNoneMatch, current) {
                var headers = ReportETag.cacheHeaders
                headers[.eTag] = current
                return Response(status: .notModified, headers: headers)
            }
        }
        let generated = try await reports.generate(reportRequest, by: actor)
        let report = generated.report
        var headers = ReportETag.cacheHeaders
        headers[.eTag] = etag.value(
            generation: generated.generation, request: reportRequest, format: chosen, actor: actor, today: today)
        switch chosen {
        case "html":
            let names = generated.units.units.mapValues(\.name)
            let scopeName = unitId.flatMap { names[$0] } ?? "Hela organisationen"
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(
                status: .ok, headers: headers,
                body: .init(
                    byteBuffer: ByteBuffer(string: ReportHTML.render(report, unitNames: names, scopeName: scopeName))))
        case "csv":
            // The one timestamp as Stockholm wall-clock time, as in every CSV export.
            let rows = ReportWire.flatRows(ReportWire.json(report)).map { row in
                CSVFormat.row(cells: [.text(row.0), row.0 == "generatedAt" ? .time(report.generatedAt) : row.1])
            }.joined()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"kvalitetsberattelse-\(year).csv\""
            return Response(
                status: .ok, headers: headers,
                body: .init(
                    byteBuffer: ByteBuffer(
                        bytes: CSVFormat.bom + Array((CSVFormat.row(["figur", "varde"]) + rows).utf8))))
        default:
            return Reply.json(ReportWire.json(report), headers: headers)
        }
    }
}
