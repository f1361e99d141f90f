import Hummingbird

/// Every route the server serves, as registered: the source for 405 answers (a known path with
/// another method) and for the check that openapi.yaml documents exactly these routes.
struct RouteTable: Sendable {
    /// `query`: the query parameters the route reads (any other is 400); empty when it reads none.
    fileprivate(set) var routes: [(method: HTTPRequest.Method, path: String, query: Set<String>)] = []

    /// The methods served on `path`, matching `:name` segments to anything.
    func methods(servingPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }.map(\.method)
    }

    /// The routes in OpenAPI's path syntax (`{id}`), for comparing with the spec.
    var openAPIPaths: [(method: String, path: String)] {
        routes.map { route in
            let path = route.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            return (route.method.rawValue.lowercased(), path.hasPrefix("/") ? path : "/" + path)
        }
    }

    /// The query parameters each route reads, keyed like `get /api/v1/avvikelser` (OpenAPI syntax).
    var queryParameters: [String: Set<String>] {
        Dictionary(
            zip(openAPIPaths, routes).map { ("\($0.method) \($0.path)", $1.query) }, uniquingKeysWith: { $0.union($1) })
    }
}

/// Turns "no such route" into 405 with `Allow` when the path exists for other methods.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let table: @Sendable () -> RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            var allowed = table().methods(servingPath: request.uri.path)
            if allowed.contains(.get) { allowed.append(.head) }
            guard !allowed.isEmpty, request.method != .options else { throw error }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")],
                message:
                    "\(request.method.rawValue) is not allowed here; allowed: "
                        + "\(allowed.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }
}

/// Registers routes on the router and records each in the table.
struct RouteRegistrar {
    typealias Handler = @Sendable (Request, KvalitetContext) async throws -> Response
    let router: Router<KvalitetContext>
    private(set) var table = RouteTable()

    init(router: Router<KvalitetContext>) { self.router = router }

    /// Registers `handler` for `method` on `path` (Hummingbird syntax: `/api/v1/avvikelser/:id`);
    /// `query` names the query parameters the handler reads, for the check against openapi.yaml.
    mutating func add(
        _ method: HTTPRequest.Method, _ path: String, query: Set<String> = [], use handler: @escaping Handler
    ) {
        router.on(RouterPath(path), method: method, use: handler)
        table.routes.append((method, path, query))
    }
}
