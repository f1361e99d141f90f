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

    /// Without If-Match a note is appended to whatever version is current: a change made between
    /// reading and writing is met by appending to the newer version (a few tries), never by losing it.
    static let attempts = 5

    func register(on table: inout RouteRegistrar) {
        table.add(.post, "/api/v1/\(RecordFamily.lexSarah.path)/:id/notes", use: append)
    }

    @Sendable func append(_ request: Request, context: KvalitetContext) async throws -> Response {
        let actor = try context.requireActor()
        try Permission.changeRecord.check(actor)
        let text = context.parameters.get("id") ?? ""
        guard
            let id = CaseNumber(
                text,
                family: .lexSarah)
        else { throw DomainError.notFound("no LXS record \(text.prefix(40))") }
        let version = request.headers[.ifMatch] == nil ? nil : try ETag.requiredVersion(request)
        let (body, _) = try await BodyReader.object(request, context: context)
        let input = WireInput.root(body)
        input.sink.decoder.checkKeys(body, allowed: LexSarahNote.inputKeys, readOnly: LexSarahNote.serviceKeys)
        let draft = LexSarahNote.draft(from: input)
        let wireProblems = input.problems
        let record = try await append(draft, wireProblems: wireProblems, to: id, expectedVersion: version, by: actor)
        context.logger.info(
            "lex Sarah note appended",
            metadata: ["record": "\(record.id)", "note": "\(record.fields.notes.count)"])
        let wire = WireContext(today: SwedishTime.today(clock), settings: settings)
        return Reply.json(
            RecordWire<LexSarah>.json(record, wire), status: .created,
            headers: [
                .location: "/api/v1/\(RecordFamily.lexSarah.path)/\(record.id)",
                .eTag: ETag.value(record.version),
            ])
    }

    /// Appends a validated note to the current version; the store writes it only if that version is still current.
    private func append(
        _ draft: LexSarahNoteDraft, wireProblems: [FieldProblem], to id: CaseNumber,
        expectedVersion: Int?,
        by actor: Actor
    ) async throws -> CaseRecord<LexSarah> {
        var attempt = 1
        while true {
            let current = try await store.current(id, by: actor, expectedVersion: expectedVersion)
            let (now, today) = (clock.now(), SwedishTime.today(clock))
            var next = current
            // A wrongly typed value is reported once, not again as "is required".
            next.fields = try WireInput.merge(
                wireProblems,
                into: Result { () throws(DomainError) in
                    // A signed-in person's note takes its author's name and title from the identity.
                    try LexSarah.appending(
                        try NoteAuthorship.signed(draft, by: actor.person), to: current.fields,
                        at: now, by: actor.tokenName, today: today)
                })
            do {
                return try await store.save(next, basedOn: current.version, by: actor, action: .note)
            } catch {
                guard case DomainError.staleVersion = error, expectedVersion == nil, attempt < Self.attempts else {
                    throw error
                }
                attempt += 1
            }
        }
    }
}
