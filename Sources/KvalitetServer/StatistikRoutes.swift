import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/statistik`: counts per family and metric by month, quarter or year, for a
/// dashboard (every role that reads aggregates, within its units), as JSON or CSV.
struct StatistikRoutes: Sendable {
    let store: StatistikStore
    let clock: any KvalitetClock

    static let parameters: Set<String> = ["metric", "interval", "from", "to", "unitId", "byUnit", "format", "labels"]

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/statistik", query: Self.parameters, use: statistik)
    }

    @Sendable func statistik(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readAggregates.check(actor)
        var query = QueryReader(request, allowed: Self.parameters)
        let interval =
            query.choice("interval", of: StatistikInterval.allCases.map(\.rawValue)).flatMap(StatistikInterval.init(rawValue:))
            ?? .month
        let metrics = query.string("metric").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let unitId = query.text("unitId", max: 64)
        let byUnit = query.bool("byUnit")
        let labels = CSVLabels.read(&query)
        let format = ResponseFormat.negotiate(request, &query, offers: [.json, .csv])
        let made = StatistikRequest.make(
            metrics: metrics, interval: interval, from: query.string("from"), to: query.string("to"), unitId: unitId,
            byUnit: byUnit, today: SwedishTime.today(clock))
        query.fail(made.problems)
        try query.throwIfAny()
        guard let statistikRequest = made.request else { throw HTTPProblem.badQuery(made.problems) }
        let statistik = try await store.series(statistikRequest, by: actor)
        guard format == .csv else { return Reply.json(StatistikWire.json(statistik)) }
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"statistik-\(SwedishTime.today(clock)).csv\"",
        ]
        let text = StatistikWire.csv(statistik, labels: labels)
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: CSVFormat.bom + Array(text.utf8))))
    }
}
