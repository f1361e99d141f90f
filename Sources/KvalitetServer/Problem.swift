import Hummingbird
import KvalitetDomain
import KvalitetKolada
import KvalitetStorage
import Logging
import NIOCore

/// An RFC 9457 problem the server raises itself (bad headers, bad query, wrong content type …).
struct HTTPProblem: Error {
    let status: HTTPResponse.Status
    let type: String
    let title: String
    let detail: String
    var errors: [FieldProblem] = []
    /// Query-parameter problems: each problem's pointer is the parameter's name.
    var parameterErrors: [FieldProblem] = []
    var headers: HTTPFields = [:]

    static func badRequest(_ detail: String) -> HTTPProblem {
        HTTPProblem(status: .badRequest, type: "malformed-request", title: "Malformed request", detail: detail)
    }

    /// 400 for query parameters, each problem with its code and parameters (the pointer is the parameter's name).
    static func badQuery(_ errors: [FieldProblem]) -> HTTPProblem {
        HTTPProblem(
            status: .badRequest, type: "invalid-query", title: "Invalid query parameters",
            detail: errors.map(\.description).joined(separator: "; "), parameterErrors: errors)
    }
}

/// The one place where every error becomes an HTTP answer: problem+json, never a stack trace.
enum ProblemMapping {
    static let typeBase = "urn:kvalitet:problem:"

    static func response(for error: any Error, request: Request, context: KvalitetContext) -> Response {
        let problem = problem(for: error)
        if let full = error as? StorageFullError {
            context.logger.warning(
                "storage full: write refused", metadata: ["error": "\(full)", "path": "\(request.uri.path)"])
        } else if problem.status.code >= 502 {
            // An upstream service (Kolada) failed: worth a warning, not an error of ours.
            context.logger.warning(
                "upstream failed", metadata: ["detail": "\(problem.detail)", "path": "\(request.uri.path)"])
        } else if problem.status.code >= 500 {
            context.logger.error(
                "request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
        }
        let language = ProblemLanguage.negotiate(request.headers[values: .acceptLanguage])
        var members: [(String, JSONValue)] = [
            ("type", .string(typeBase + problem.type)), ("title", .string(language.title(problem))),
            ("status", .int(problem.status.code)), ("detail", .string(detail(of: problem, in: language))),
            ("instance", .string(request.uri.path)), ("requestId", .string(context.requestId)),
        ]
        if !problem.errors.isEmpty {
            members.append(("errors", .array(problem.errors.map { fieldError($0, in: language) })))
        }
        if !problem.parameterErrors.isEmpty {
            let errors = problem.parameterErrors.map { fieldError($0, in: language, locatedBy: "parameter") }
            members.append(("errors", .array(errors)))
        }
        var headers = problem.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        // The texts depend on Accept-Language: a cache must not serve them to a request in another language.
        headers[.vary] = CORSMiddleware.adding("Accept-Language", toVary: headers[values: .vary])
        return Response(
            status: problem.status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(.object(JSONObject(members))))))
    }

    /// One field problem as problem+json shows it: pointer (or, for a query parameter, `parameter`),
    /// stable code, text, then the code's parameters.
    static func fieldError(
        _ problem: FieldProblem, in language: ProblemLanguage, locatedBy location: String = "pointer"
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            (location, .string(problem.pointer)), ("code", .string(problem.rule.code.rawValue)),
            ("detail", .string(language.text(of: problem))),
        ]
        for (name, value) in problem.rule.parameters {
            switch value {
            case .int(let number): members.append((name, .int(number)))
            case .string(let text): members.append((name, .string(text)))
            case .strings(let texts): members.append((name, .array(texts.map { .string($0) })))
            }
        }
        return .object(JSONObject(members))
    }

    /// The problem's detail; for field and parameter problems (422, 409, 400) in the negotiated
    /// language, each with its pointer or parameter. A Swedish 409 is one sentence: what a conflict
    /// is, then each field's text (or, without field problems, the rule as the service words it).
    static func detail(of problem: HTTPProblem, in language: ProblemLanguage) -> String {
        guard language == .swedish else { return problem.detail }
        if problem.status == .conflict {
            let conflict = "Begäran strider mot en regel eller mot det nuvarande läget"
            guard !problem.errors.isEmpty else { return conflict + " (regeln på engelska: \(problem.detail))." }
            let texts = problem.errors.map { "\($0.pointer) \($0.rule.swedish)" }
            return conflict + ": " + texts.joined(separator: "; ") + "."
        }
        let problems = problem.errors + problem.parameterErrors
        guard !problems.isEmpty else { return problem.detail }
        return problems.map { "\($0.pointer): \($0.rule.swedish)" }.joined(separator: "; ")
    }

    static func problem(for error: any Error) -> HTTPProblem {
        switch error {
        case let problem as HTTPProblem:
            return problem
        case let error as DomainError:
            return problem(for: error)
        case let error as JSONParseError:
            return .badRequest("malformed JSON at byte \(error.offset): \(error.message)")
        case let error as HTTPError:
            return problem(for: error)
        case let error as KoladaError:
            // Kolada's failure, not the client's and not ours: a gateway error that says what Kolada did.
            return HTTPProblem(
                status: .badGateway, type: "kolada-failed", title: "Kolada import failed", detail: error.description)
        case let error as IdempotencyKeyReused:
            return HTTPProblem(
                status: .unprocessableContent, type: "idempotency-key-reused", title: "Idempotency-Key reused",
                detail: "the Idempotency-Key \(error.key) was already used with another request (body or path); "
                    + "send the same request to get its answer again, or use a new key for a new one")
        case is NIOTooManyBytesError:
            return problem(for: HTTPError(.contentTooLarge))
        case is StorageFullError:
            // An operational state, not a bug: nothing was stored, and writes resume once space is freed.
            return HTTPProblem(
                status: .serviceUnavailable, type: "storage-full", title: "Storage full",
                detail: "the server's disk is full, so nothing was stored; try again later",
                headers: [.retryAfter: "\(StorageSpace.retryAfterSeconds)"])
        default:
            return HTTPProblem(
                status: .internalServerError, type: "internal", title: "Internal error",
                detail: "the server could not complete the request; quote the requestId when reporting it")
        }
    }

    static func problem(for error: DomainError) -> HTTPProblem {
        switch error {
        case .invalid(let problems):
            return HTTPProblem(
                status: .unprocessableContent, type: "invalid-values", title: "Invalid values",
                detail: problems.map(\.description).joined(separator: "; "), errors: problems)
        case .conflict(let rule, let problems):
            return HTTPProblem(
                status: .conflict, type: "conflict", title: "Conflict with a rule or the current state",
                detail: rule, errors: problems)
        case .notFound(let what):
            return HTTPProblem(status: .notFound, type: "not-found", title: "Not found", detail: what)
        case .forbidden(let why):
            return HTTPProblem(status: .forbidden, type: "forbidden", title: "Forbidden", detail: why)
        case .staleVersion(let current):
            return HTTPProblem(
                status: .preconditionFailed, type: "stale-version", title: "Precondition failed",
                detail: "If-Match does not name the current version (\(current)); read the record again and retry",
                headers: [.eTag: ETag.value(current)])
        case .versionRequired(let current):
            return HTTPProblem(
                status: .preconditionRequired, type: "if-match-required", title: "Precondition required",
                detail: "this already exists (version \(current)): send If-Match with its ETag to replace it",
                headers: [.eTag: ETag.value(current)])
        }
    }

    static func problem(for error: HTTPError) -> HTTPProblem {
        switch error.status {
        case .contentTooLarge:
            return HTTPProblem(
                status: .contentTooLarge, type: "body-too-large", title: "Body too large",
                detail: "the body must be at most 1 MiB")
        case .notFound:
            return HTTPProblem(
                status: .notFound, type: "not-found", title: "Not found", detail: error.body ?? "no such resource")
        case .methodNotAllowed:
            return HTTPProblem(
                status: .methodNotAllowed, type: "method-not-allowed", title: "Method not allowed",
                detail: error.body ?? "this method is not allowed here", headers: error.headers)
        default:
            let status = error.status.code >= 500 ? HTTPResponse.Status.internalServerError : error.status
            return HTTPProblem(
                status: status, type: "http-\(status.code)", title: status.reasonPhrase,
                detail: error.body ?? status.reasonPhrase, headers: error.headers)
        }
    }
}

/// Outermost middleware: turns every thrown error into problem+json and tags the response with its request id.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ProblemMapping.response(for: error, request: request, context: context)
        }
        response.headers[.init("X-Request-Id")!] = context.requestId
        return response
    }
}
