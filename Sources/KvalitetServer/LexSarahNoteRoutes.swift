import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// `POST /api/v1/lex-sarah/{id}/notes`: appends one note to the investigation's documentation.
///
/// If-Match is optional here: appending cannot overwrite anyone's change, and investigators add
/// notes while others edit the report. When sent, a stale one still gets 412.
struct LexSarahNoteRoutes: Sendable {
    let store: RecordStore<LexSarah>
    let clock: any KvalitetClock
    let settings: RecordSettings

    func register(on table: inout RouteRegistrar) {
        table.add(.post, "/api/v1/\(LexSarahWire.path)/:id/notes", use: append)
    }

    @Sendable func append(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.changeRecord.check(actor)
        let text = context.parameters.get("id") ?? ""
        guard let id = CaseNumber(text, family: .lexSarah) else { throw DomainError.notFound("no LXS record \(text.prefix(40))") }
        let version = request.headers[.ifMatch] == nil ? nil : try ETag.requiredVersion(request)
        let (body, _) = try await BodyReader.object(request, context: context)
        var decoder = WireDecoder()
        let draft = LexSarahWire.decodeNote(body, &decoder)
        let wireProblems = decoder.problems
        let now = clock.now()
        let record = try await store.change(id, expectedVersion: version, by: actor, action: .note) { current, today in
            var next = current
            do {
                let signed = try NoteAuthorship.signed(draft, by: actor.person)
                next.fields = try LexSarah.appending(signed, to: current.fields, at: now, by: actor.tokenName,
                                                     today: today)
            } catch DomainError.invalid(let problems) {
                // A wrongly typed value is reported once, not again as "is required".
                let reported = Set(wireProblems.map(\.pointer))
                throw DomainError.invalid(wireProblems + problems.filter { !reported.contains($0.pointer) })
            }
            if !wireProblems.isEmpty { throw DomainError.invalid(wireProblems) }
            return next
        }
        context.logger.info("lex Sarah note appended", metadata: ["record": "\(record.id)", "note": "\(record.fields.notes.count)"])
        let wire = WireContext(today: SwedishTime.today(clock), settings: settings)
        return Reply.json(LexSarahWire.json(record, wire), status: .created,
                          headers: [.location: "/api/v1/\(LexSarahWire.path)/\(record.id)", .eTag: ETag.value(record.version)])
    }
}
