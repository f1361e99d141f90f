import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/kvalitetsberattelse/{year}`: the yearly figures as JSON, a printable HTML page or flat CSV.
struct ReportRoutes: Sendable {
    let reports: ReportStore
    let units: UnitStore

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
        for problem in ReportRequest.validate(year: year, analysisFrom: from, analysisTo: to) { query.fail(problem.pointer, problem.detail) }
        let format = query.string("format")
        if let format, !["json", "html", "csv"].contains(format) { query.fail("format", "must be json, html or csv") }
        try query.throwIfAny()
        guard let year else { throw HTTPProblem.badRequest("year") }
        let reportRequest = ReportRequest(year: year, unitId: unitId, analysisFrom: from, analysisTo: to)
        guard reportRequest.analysisFrom <= reportRequest.analysisTo else {
            throw HTTPProblem.badQuery([("analysisTo", "must not be before analysisFrom (\(reportRequest.analysisFrom))")])
        }
        let report = try await reports.kvalitetsberattelse(reportRequest, by: actor)
        let accept = request.headers[.accept] ?? ""
        switch format ?? (accept.contains("text/html") ? "html" : accept.contains("text/csv") ? "csv" : "json") {
        case "html":
            let tree = try await units.tree()
            let names = tree.units.mapValues(\.name)
            let scopeName = unitId.flatMap { names[$0] } ?? "Hela organisationen"
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: ReportHTML.render(report, unitNames: names, scopeName: scopeName))))
        case "csv":
            let rows = ReportWire.flatRows(ReportWire.json(report)).map { CSVFormat.row([$0.0, $0.1]) }.joined()
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"kvalitetsberattelse-\(year).csv\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: CSVFormat.bom + Array((CSVFormat.row(["figur", "varde"]) + rows).utf8))))
        default:
            return Reply.json(ReportWire.json(report))
        }
    }
}
