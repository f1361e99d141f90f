import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// The routes every record family shares: create, read, list (JSON or CSV), patch, transition, void, history.
/// Handlers decode, call the store with the domain's rules, and encode; nothing else.
struct RecordRoutes<Kind: StoredKind>: Sendable {
    typealias Wire = RecordWire<Kind>
    let store: RecordStore<Kind>
    let clock: any KvalitetClock
    let settings: RecordSettings
    /// List items as JSON per record version and day (their deadlines are computed for today).
    let listItems = VersionCache<[UInt8]>(capacity: 4096)

    func register(on table: inout RouteRegistrar) {
        let base = "/api/v1/\(Wire.path)"
        table.add(.post, base, use: create)
        table.add(.get, base, query: Self.listParameters, use: list)
        table.add(.get, base + "/:id", use: read)
        table.add(.patch, base + "/:id", use: patch)
        table.add(.delete, base + "/:id", query: Self.voidParameters, use: void)
        table.add(.post, base + "/:id/transitions", use: transition)
        table.add(.get, base + "/:id/history", use: history)
    }

    /// The list's query parameters; `overdue` only where the family has deadlines, so a typo
    /// elsewhere is refused, not ignored.
    static var listParameters: Set<String> {
        Set([
            "limit", "cursor", "unitId", "status", "from", "to", "category", "q", "includeVoided", "format",
            "includeText", "labels",
        ])
        .union(Kind.overdueCondition == nil ? [] : ["overdue"])
    }
    static var voidParameters: Set<String> { ["reason"] }

    private var wire: WireContext { WireContext(today: SwedishTime.today(clock), settings: settings) }

    @Sendable func create(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.createRecord.check(actor)
        let idempotency = try idempotencyKey(request)
        let (object, bytes) = try await BodyReader.object(request, context: context)
        let keys = Wire.checkEditableKeys(object)
        let wire = wire
        let fields = try Wire.validatedFields(object, today: wire.today, alsoReporting: keys.problems)
        let outcome = try await store.create(
            fields, by: actor,
            idempotency: idempotency.map { IdempotencyKey(key: $0, body: bytes) })
        let record = outcome.record
        var headers: HTTPFields = [.location: "/api/v1/\(Wire.path)/\(record.id)", .eTag: ETag.value(record.version)]
        if case .replayed = outcome { headers[.init("Idempotent-Replayed")!] = "true" }
        context.logger.info("record created", metadata: ["record": "\(record.id)", "replayed": "\(outcome.isReplay)"])
        return Reply.json(Wire.json(record, wire), status: .created, headers: headers)
    }

    @Sendable func read(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readRecord.check(actor)
        let record = try await store.read(try caseNumber(context), by: actor)
        return Reply.json(Wire.json(record, wire), headers: [.eTag: ETag.value(record.version)])
    }

    @Sendable func patch(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.changeRecord.check(actor)
        let id = try caseNumber(context)
        let version = try ETag.requiredVersion(request)
        let (patch, _) = try await BodyReader.object(request, context: context, accepting: BodyReader.patchTypes)
        let keys = Wire.checkEditableKeys(patch)
        if !keys.problems.isEmpty { throw DomainError.invalid(keys.problems) }
        let wire = wire
        let current = try await store.current(id, by: actor, expectedVersion: version)
        let merged = try Self.merge(patch, into: current, wire)
        let next = try Kind.edit(current, to: try Wire.validatedFields(merged, today: wire.today))
        let record = try await store.save(next, basedOn: version, by: actor, action: .update)
        return Reply.json(Wire.json(record, wire), headers: [.eTag: ETag.value(record.version)])
    }

    @Sendable func transition(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.changeRecord.check(actor)
        let id = try caseNumber(context)
        let version = try ETag.requiredVersion(request)
        var (body, _) = try await BodyReader.object(request, context: context)
        var decoder = WireDecoder()
        decoder.checkKeys(
            body, allowed: Wire.transitionKeys.union(["to"]), readOnly: Wire.readOnlyKeys,
            retired: Wire.table.retiredKeys)
        let target = decoder.code(body["to"], at: "/to", as: Kind.Status.self)
        if body["to"] ?? .null == .null { decoder.problem("/to", .required, detail: "is required: the new status") }
        guard decoder.problems.isEmpty, let target else { throw DomainError.invalid(decoder.problems) }
        body["to"] = nil
        let wire = wire
        let current = try await store.current(id, by: actor, expectedVersion: version)
        let merged = try Self.merge(body, into: current, wire)
        let next = try Kind.transition(
            current, to: target, with: try Wire.validatedFields(merged, today: wire.today),
            today: wire.today)
        let record = try await store.save(next, basedOn: version, by: actor, action: .transition)
        context.logger.info("record transition", metadata: ["record": "\(record.id)", "to": "\(target.rawValue)"])
        return Reply.json(Wire.json(record, wire), headers: [.eTag: ETag.value(record.version)])
    }

    @Sendable func void(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.changeRecord.check(actor)
        let id = try caseNumber(context)
        let version = try ETag.requiredVersion(request)
        var query = QueryReader(request, allowed: Self.voidParameters)
        // Checked like any query parameter, even when the body gives the reason (which wins).
        let queryReason = query.text("reason", max: TextRules.shortTextMax)
        try query.throwIfAny()
        let reason = try await VoidReason.resolve(queryReason, request, context: context)
        let record = try await store.void(id, expectedVersion: version, reason: reason, by: actor)
        context.logger.info("record voided", metadata: ["record": "\(record.id)"])
        return Reply.json(Wire.json(record, wire), headers: [.eTag: ETag.value(record.version)])
    }

    @Sendable func history(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.readHistory.check(actor)
        let versions = try await store.history(try caseNumber(context), by: actor)
        let wire = wire
        var previous: JSONObject?
        let items: [JSONValue] = versions.map { version in
            guard case .object(let object) = Wire.json(version.record, wire) else { return .null }
            let changed = object.keys.filter { key in
                !["version", "updatedAt"].contains(key) && (previous == nil || previous?[key] != object[key])
            }
            previous = object
            return .object(
                JSONObject([
                    ("version", .int(version.record.version)), ("action", .string(version.action.rawValue)),
                    ("changedAt", .string(Timestamp.format(version.changedAt))),
                    ("changedBy", .string(version.changedBy)),
                    ("requestId", .optional(version.requestId)),
                    ("changedFields", .array(changed.map(JSONValue.string))),
                    ("record", .object(object)),
                ]))
        }
        return Reply.json(
            .object(
                JSONObject([
                    ("id", .string(versions.last?.record.id.description ?? "")),
                    ("items", .array(items)),
                ])))
    }

    @Sendable func list(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.listRecords.check(actor)
        var reader = QueryReader(request, allowed: Self.listParameters)
        var query = RecordQuery()
        query.limit = reader.int("limit", range: 1...500, default: 50)
        query.unitId = reader.text("unitId", max: 64)
        query.status = reader.code("status", as: Kind.Status.self)?.rawValue
        query.from = reader.date("from")
        query.to = reader.date("to")
        query.text = reader.text("q")
        query.includeVoided = reader.bool("includeVoided")
        if reader.string("overdue") != nil { query.overdue = reader.bool("overdue") }
        if let category = reader.string("category") {
            if Wire.table.categoryCodes.contains(category) {
                query.category = category
            } else {
                reader.fail("category", .notOneOf(allowed: Wire.table.categoryCodes))
            }
        }
        if let cursor = reader.string("cursor") {
            if let key = Cursor.decode(cursor),
                let after = CaseNumber(
                    key,
                    family: Kind.family)
            {
                query.after = after
            } else {
                reader.fail("cursor", .notACursor)
            }
        }
        let format = ResponseFormat.negotiate(request, &reader, offers: [.json, .csv])
        let includeText = reader.bool("includeText")
        let labels = CSVLabels.read(&reader)
        try reader.throwIfAny()
        if format == .csv {
            return try await RecordCSV<Kind>.response(
                store: store, query: query, actor: actor,
                includeText: includeText, wire: wire, labels: labels)
        }
        let page = try await store.list(query, by: actor)
        let wire = wire
        let today = wire.today.description
        // Lists show titles (what a list is read by) but never descriptions, measures or other free text.
        let items = page.items.map { record in
            let key = VersionCache<[UInt8]>.Key(id: record.id.description, version: record.version, variant: today)
            if let bytes = listItems.value(for: key) { return bytes }
            let bytes = JSONWriter.bytes(
                Wire.json(
                    record, wire,
                    omitting: Wire.table.freeTextPaths.subtracting(["title"])))
            listItems.store(bytes, for: key)
            return bytes
        }
        return Reply.list(serialised: items, nextCursor: page.next.map { Cursor.encode($0.description) })
    }

    /// A merge patch (RFC 7396) of a body onto the record's fields as a client would send them.
    static func merge(
        _ changes: JSONObject, into current: CaseRecord<Kind>,
        _ wire: WireContext
    ) throws -> JSONObject {
        guard
            case .object(let merged) = MergePatch.apply(
                .object(changes),
                to: .object(Wire.fieldsObject(current.fields, wire)))
        else {
            throw DomainError.invalid([
                FieldProblem("", .wrongType(expected: "object", actual: "other"),
                detail: "the body must be a JSON object")
            ])
        }
        return merged
    }

    private func caseNumber(_ context: KvalitetContext) throws -> CaseNumber {
        let text = context.parameters.get("id") ?? ""
        guard let id = CaseNumber(text, family: Kind.family) else {
            throw DomainError.notFound("no \(Kind.family.prefix) record \(text.prefix(40))")
        }
        return id
    }

    private func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[.init("Idempotency-Key")!] else { return nil }
        guard !key.isEmpty, key.utf8.count <= 200,
            key.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E })
        else {
            throw HTTPProblem.badRequest("Idempotency-Key must be 1–200 visible ASCII characters")
        }
        return key
    }
}

extension CreateOutcome {
    var isReplay: Bool { if case .replayed = self { true } else { false } }
}
