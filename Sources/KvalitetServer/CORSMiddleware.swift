import Hummingbird

/// CORS (Fetch standard) for the configured intranet origins only: a preflight from one of them is
/// answered here, before authentication; any other answer to one of them gets `Access-Control-Allow-Origin`,
/// the headers a form may read, and `Origin` added to the answer's own `Vary` values (never replacing them:
/// the report varies by `Authorization` and `Accept` as well). Requests from other origins pass untouched.
///
/// Hummingbird's `CORSMiddleware` is not used: its origin allow-list (`.oneOf(_:)`) is variadic, so it
/// cannot take a list read from configuration, and it sends `Access-Control-Expose-Headers` only on
/// preflights, where browsers ignore it, so a form could not read `ETag` or `Location`.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    let allowedOrigins: Set<String>

    static let allowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    static let allowHeaders = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept"
    /// Every answer header a form or a dashboard reads beyond the CORS-safelisted ones: `ETag` for
    /// `If-Match`, `Location` of a created record, `Idempotent-Replayed` on a repeated create,
    /// `Content-Disposition` for an export's file name, `Retry-After` on 429/503, `Content-Language`
    /// of a problem's texts and `X-Request-Id` for support.
    static let exposeHeaders =
        "ETag, Location, Idempotent-Replayed, Content-Disposition, Retry-After, Content-Language, X-Request-Id"
    /// Seconds a browser may cache a preflight's answer: 600 is Chromium's own upper bound (Firefox
    /// allows a day), so a form sends one preflight per route in ten minutes, and a changed method or
    /// header list reaches every browser within ten minutes. Fixed: nothing for an operator to tune.
    static let maxAge = "600"

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allowedOrigins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: origin, .vary: "Origin",
                .accessControlAllowMethods: Self.allowMethods,
                .accessControlAllowHeaders: Self.allowHeaders,
                .accessControlMaxAge: Self.maxAge,
            ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposeHeaders
        response.headers[.vary] = Self.adding("Origin", toVary: response.headers[values: .vary])
        return response
    }

    /// The `Vary` field's values (from every field line) with `name` added unless already named,
    /// as one comma-separated line (RFC 9110 §12.5.5; field names compare case-insensitively).
    static func adding(_ name: String, toVary lines: [String]) -> String {
        var values = lines.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !values.contains(where: { $0 == "*" || $0.lowercased() == name.lowercased() }) { values.append(name) }
        return values.joined(separator: ", ")
    }
}
