import Hummingbird
import Logging

/// One access-log line per request, once its answer has been written: method, route template,
/// status and duration in milliseconds, with the request id of the request's logger. Never the
/// path's query (a `q=` search is free text) nor a header: nothing a client typed but the method.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let status = response.status.code
        let method = request.method.rawValue
        let body = response.body
        // Logged once the body has been written (a CSV export streams for a while), as Hummingbird's
        // own MetricsMiddleware does with its package-internal `withPostWriteClosure`.
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer {
                let elapsed = ContinuousClock.now - start
                let milliseconds = Double(elapsed.components.seconds) * 1000
                    + Double(elapsed.components.attoseconds) / 1e15
                context.logger.info("request", metadata: [
                    "method": "\(method)", "route": "\(context.endpointPath ?? "NotFound")", "status": "\(status)",
                    "durationMs": "\((milliseconds * 1000).rounded() / 1000)",
                ])
            }
            try await body.write(writer)
        }
        return response
    }
}
