import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `/api/v1/gallringsregler` (admins): the retention rules of the dokumenthanteringsplan. A PUT
/// creates a rule or gives it a new version; the versions stay readable; nothing is deleted.
struct GallringsregelRoutes: Sendable {
    let store: GallringsregelStore

    func register(on table: inout RouteRegistrar) {
        table.add(.get, "/api/v1/gallringsregler", use: list)
        table.add(.get, "/api/v1/gallringsregler/:id", use: read)
        table.add(.put, "/api/v1/gallringsregler/:id", use: put)
    }

    static let keys: Set<String> = ["id", "family", "unitId", "years", "basis", "decision", "earkivRequired"]
    static let readOnly: Set<String> = ["version", "changedAt", "changedBy"]

    static func json(_ rule: Gallringsregel) -> JSONValue { .object(members(rule)) }

    static func members(_ rule: Gallringsregel) -> JSONObject {
            JSONObject([
                ("id", .string(rule.id)), ("version", .int(rule.version)),
                ("family", .string(rule.family.rawValue)), ("unitId", .optional(rule.unitId)),
                ("years", .int(rule.years)), ("basis", .string(rule.basis.rawValue)),
                ("decision", .string(rule.decision)), ("earkivRequired", .bool(rule.earkivRequired)),
                ("changedAt", .string(Timestamp.format(rule.changedAt))), ("changedBy", .string(rule.changedBy)),
            ])
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageGallring.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        return Reply.list(try await store.list().map(Self.json), nextCursor: nil)
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        try Permission.manageGallring.check(try context.requireActor())
        try QueryReader(request, allowed: []).throwIfAny()
        let id = context.parameters.get("id") ?? ""
        let versions = try await store.versions(of: id)
        guard let last = versions.last else { throw DomainError.notFound("no gallring rule \(id.prefix(64))") }
        var current = Self.members(last)
        current["versions"] = .array(versions.map(Self.json))
        return Reply.json(.object(current))
    }

    @Sendable func put(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.manageGallring.check(actor)
        let id = context.parameters.get("id") ?? ""
        let (object, _) = try await BodyReader.object(request, context: context)
        var d = WireDecoder()
        d.checkKeys(object, allowed: Self.keys, readOnly: Self.readOnly)
        if let bodyId = d.string(object["id"], at: "/id"), bodyId != id {
            d.problem("/id", .pathMismatch(path: String(id.prefix(64))))
        }
        let familyText = d.string(object["family"], at: "/family")
        let family = familyText.flatMap(RecordFamily.init(rawValue:))
        if familyText != nil, family == nil {
            d.problem("/family", .notInKodverk(kodverk: "family", allowed: RecordFamily.allCases.map(\.rawValue)))
        }
        let years = d.int(object["years"], at: "/years", range: Gallringsregel.yearRange)
        let basisText = d.string(object["basis"], at: "/basis")
        let basis = basisText.flatMap(GallringBasis.init(rawValue:))
        if basisText != nil, basis == nil {
            d.problem("/basis", .notInKodverk(kodverk: "basis", allowed: ["closed", "received"]))
        }
        let decision = d.string(object["decision"], at: "/decision")
        let earkiv = d.bool(object["earkivRequired"], at: "/earkivRequired")
        for name in ["family", "years", "basis", "decision", "earkivRequired"]
        where object[name] == nil || object[name] == .null {
            d.problem("/" + name, .required)
        }
        let rule = Gallringsregel(
            id: id, family: family ?? .avvikelse, unitId: d.string(object["unitId"], at: "/unitId"), years: years ?? 0,
            basis: basis ?? .closed, decision: decision ?? "", earkivRequired: earkiv ?? false)
        let reported = Set(d.problems.map(\.pointer))
        let problems = d.problems + rule.validate().filter { !reported.contains($0.pointer) }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let (stored, created) = try await store.put(rule, by: actor.with(requestId: context.requestId))
        return Reply.json(
            Self.json(stored), status: created ? .created : .ok,
            headers: created ? [.location: "/api/v1/gallringsregler/\(id)"] : [:])
    }
}
