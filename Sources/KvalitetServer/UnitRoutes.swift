import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/api/v1/verksamheter`: the organisation tree. Any token may read it; only admins change it.
struct UnitRoutes: Sendable {
    let store: UnitStore

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/verksamheter", use: list)
        table.add(.get, "/api/v1/verksamheter/:id", use: read)
        table.add(.put, "/api/v1/verksamheter/:id", use: put)
        table.add(.delete, "/api/v1/verksamheter/:id", use: delete)
    }

    static let keys: Set<String> = ["id", "name", "level", "parentId", "area", "openedOn", "closedOn"]

    static func json(_ unit: OrgUnit, tree: OrgTree) -> JSONValue {
        .object(
            JSONObject([
                ("id", .string(unit.id)), ("name", .string(unit.name)), ("level", .string(unit.level.rawValue)),
                ("parentId", .optional(unit.parentId)), ("area", .optional(tree.effectiveArea(of: unit.id))),
                ("ownArea", .optional(unit.area)), ("openedOn", .optional(unit.openedOn)),
                ("closedOn", .optional(unit.closedOn)),
            ]))
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readUnits.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let tree = try await store.tree()
        // Depth-first from the roots, siblings by id: the order a tree view wants.
        var children: [String?: [OrgUnit]] = [:]
        for unit in tree.units.values { children[unit.parentId, default: []].append(unit) }
        var ordered: [OrgUnit] = []
        var stack = (children[nil] ?? []).sorted { $0.id > $1.id }
        while let unit = stack.popLast() {
            ordered.append(unit)
            stack.append(contentsOf: (children[unit.id] ?? []).sorted { $0.id > $1.id })
        }
        return Reply.list(ordered.map { UnitRoutes.json($0, tree: tree) }, nextCursor: nil)
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.readUnits.check(try context.requireActor())
        let id = context.parameters.get("id") ?? ""
        let tree = try await store.tree()
        guard let unit = tree.units[id] else { throw DomainError.notFound("no unit \(id.prefix(64))") }
        return Reply.json(UnitRoutes.json(unit, tree: tree))
    }

    @Sendable func put(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeUnits.check(actor)
        let id = context.parameters.get("id") ?? ""
        let (object, _) = try await BodyReader.object(request, context: context)
        var d = WireDecoder()
        d.checkKeys(object, allowed: UnitRoutes.keys)
        if let bodyId = d.string(object["id"], at: "/id"), bodyId != id {
            d.problem(
                "/id", .pathMismatch(path: String(id.prefix(64))),
                detail: "must match the id in the path (\(id.prefix(64)))")
        }
        if !OrgUnit.isValidId(id) {
            d.problem(
                "/id", .invalidFormat(example: "ifo-utredning"),
                detail: "the id in the path must be 1–64 characters of a–z, 0–9 and -")
        }
        let name = d.string(object["name"], at: "/name")
        let level = d.code(object["level"], at: "/level", as: UnitLevel.self)
        if object["name"] == nil || object["name"] == .null { d.problem("/name", .required) }
        if object["level"] == nil || object["level"] == .null { d.problem("/level", .required) }
        let unit = OrgUnit(
            id: id, name: name ?? "", level: level ?? .verksamhet,
            parentId: d.string(object["parentId"], at: "/parentId"), area: d.string(object["area"], at: "/area"),
            openedOn: d.date(object["openedOn"], at: "/openedOn"), closedOn: d.date(object["closedOn"], at: "/closedOn")
        )
        let reported = Set(d.problems.map(\.pointer))
        let problems = d.problems + unit.validate().filter { !reported.contains($0.pointer) }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let created = try await store.put(unit, by: actor)
        let tree = try await store.tree()
        return Reply.json(
            UnitRoutes.json(unit, tree: tree), status: created ? .created : .ok,
            headers: created ? [.location: "/api/v1/verksamheter/\(id)"] : [:])
    }

    @Sendable func delete(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.writeUnits.check(actor)
        try await store.delete(id: context.parameters.get("id") ?? "", by: actor)
        return Response(status: .noContent)
    }
}
