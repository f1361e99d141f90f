import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetKolada
import KvalitetStorage

/// A key figure's Kolada values (kept apart from its own values) and the admins' import of them.
struct KoladaRoutes: Sendable {
    let nyckeltal: NyckeltalStore
    let importer: KoladaImporter

    func register(on table: inout RouteRegistrar) {
        table.add(.get, NyckeltalRoutes.base + "/:code/kolada", query: ["scope", "from", "to"], use: values)
        table.add(.post, NyckeltalRoutes.base + "/:code/kolada-import", use: runImport)
    }

    @Sendable func values(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readAggregates.check(try context.requireActor())
        var reader = QueryReader(request, allowed: ["scope", "from", "to"])
        let scope = reader.code("scope", as: KoladaScope.self)
        let from = reader.int("from", range: NyckeltalPeriod.years, default: NyckeltalPeriod.years.lowerBound)
        let to = reader.int("to", range: NyckeltalPeriod.years, default: NyckeltalPeriod.years.upperBound)
        try reader.throwIfAny()
        let stored = try await NyckeltalRoutes.existing(nyckeltal, try NyckeltalRoutes.code(context))
        var values: [KoladaValue] = []
        if let kpi = stored.nyckeltal.koladaKpi { values = try await importer.store.values(kpi: kpi) }
        let items = values.filter { value in
            (scope == nil || value.scope == scope) && value.year >= from && value.year <= to
        }
        return Reply.json(
            .object(
                JSONObject([
                    ("code", .string(stored.nyckeltal.code)), ("koladaKpi", .optional(stored.nyckeltal.koladaKpi)),
                    ("items", .array(items.map(NyckeltalWire.json))), ("nextCursor", .null),
                ])))
    }

    @Sendable func runImport(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.importKolada.check(actor)
        let code = try NyckeltalRoutes.code(context)
        let (object, _) = try await BodyReader.object(request, context: context)
        var d = WireDecoder()
        d.checkKeys(object, allowed: ["municipality", "group", "years"])
        let municipality = d.string(object["municipality"], at: "/municipality")
        let group = d.string(object["group"], at: "/group")
        let years = d.string(object["years"], at: "/years")
        let stored = try await NyckeltalRoutes.existing(nyckeltal, code)
        guard let kpi = stored.nyckeltal.koladaKpi else {
            throw DomainError.conflict(rule: "\(code) has no koladaKpi; set one before importing from Kolada")
        }
        let made = KoladaImportRequest.make(kpi: kpi, municipality: municipality, group: group, years: years)
        let reported = Set(d.problems.map(\.pointer))
        var problems = d.problems
        if case .failure(.invalid(let more)) = made { problems += more.filter { !reported.contains($0.pointer) } }
        guard problems.isEmpty, case .success(let importRequest) = made else { throw DomainError.invalid(problems) }
        let result = try await importer.run(importRequest, by: actor)
        context.logger.info(
            "kolada import",
            metadata: [
                "kpi": "\(kpi)", "pages": "\(result.pages)", "read": "\(result.valuesRead)",
                "stored": "\(result.stored.count)",
            ])
        return Reply.json(
            .object(
                JSONObject([
                    ("code", .string(code)), ("koladaKpi", .string(kpi)), ("pages", .int(result.pages)),
                    ("valuesRead", .int(result.valuesRead)), ("stored", .int(result.stored.count)),
                    ("items", .array(result.stored.map(NyckeltalWire.json))),
                ])))
    }
}
