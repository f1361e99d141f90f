import Hummingbird
import NIOCore
import NIOHTTPTypes

/// `Expect: 100-continue` (RFC 9110 §10.1.1) and bodies announced over the limit. Placed after
/// authentication, so a request without a valid token has had its 401 before this runs. A body
/// whose `Content-Length` is over the limit gets 413 at once, unread. Otherwise, a client that
/// waits for 100 gets it when the handler first reads the body, so every answer decided before
/// that (403, 404, 405, 415 …) is sent as the final status instead and the body is never sent.
struct ExpectContinueMiddleware: RouterMiddleware {
    typealias Context = KvalitetContext
    static let bodyMethods: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.bodyMethods.contains(request.method) else { return try await next(request, context) }
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > context.maxUploadSize {
            throw HTTPProblem(
                status: .contentTooLarge, type: "body-too-large", title: "Body too large",
                detail: "the body announces \(announced) bytes (Content-Length); it must be at most 1 MiB")
        }
        let expectations = (request.headers[.expect] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard expectations.contains("100-continue") else { return try await next(request, context) }
        var request = request
        request.body = RequestBody(asyncSequence: ContinueOnFirstRead(base: request.body, channel: context.channel))
        return try await next(request, context)
    }
}

/// A request body that sends `100 Continue` on the connection before its first read.
struct ContinueOnFirstRead: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let channel: any Channel

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let channel: any Channel
        var continued = false

        mutating func next() async throws -> ByteBuffer? {
            if !continued {
                continued = true
                // Goes through the same HTTP encoder as the final answer, which is written only
                // after the body has been read; a connection already gone fails the read below.
                try? await channel.writeAndFlush(HTTPResponsePart.head(HTTPResponse(status: .continue)))
            }
            return try await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), channel: channel) }
}
