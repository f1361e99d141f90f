import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `GET /api/v1/earkiv/leveranser` (admins): the packages delivered to the e-arkiv, newest first.
/// Deliveries are made by `kvalitet earkiv export`, never over HTTP.
struct EarkivRoutes: Sendable {
    let store: EarkivStore

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/earkiv/leveranser", query: ["cursor", "limit"], use: list)
    }

    static func json(_ leverans: EarkivLeverans) -> JSONValue {
        .object(
            JSONObject([
                ("packageId", .string(leverans.packageId)), ("madeAt", .string(Timestamp.format(leverans.madeAt))),
                ("madeBy", .string(leverans.madeBy)), ("year", .int(leverans.year)),
                ("families", .array(leverans.families.map { .string($0.rawValue) })),
                ("records", .int(leverans.records)), ("metsSha256", .string(leverans.metsSha256)),
            ]))
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageGallring.check(try context.requireActor())
        var query = QueryReader(request, allowed: ["cursor", "limit"])
        let limit = query.int("limit", range: 1...500, default: 50)
        let cursor = query.string("cursor")
        let before = cursor.flatMap(Cursor.decode).flatMap { Int64($0) }
        if cursor != nil, (before ?? 0) < 1 { query.fail("cursor", .notACursor) }
        try query.throwIfAny()
        let page = try await store.list(before: before, limit: limit)
        let next = page.count == limit ? page.last.map { Cursor.encode(String($0.position)) } : nil
        return Reply.list(page.map { Self.json($0.leverans) }, nextCursor: next)
    }
}
