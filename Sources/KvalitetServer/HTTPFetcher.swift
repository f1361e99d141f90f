import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a document over HTTP GET: the OpenID provider's discovery document and keys. Injected so
/// that tests serve keys made in the test.
public protocol HTTPFetcher: Sendable {
    /// The body of a 2xx answer; throws for anything else (unreachable, timeout, another status).
    func get(_ url: URL) async throws -> Data
}

/// Why a fetch failed, said without the body.
public struct HTTPFetchError: Error, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "\(url): \(reason)" }
}

/// The URLSession of every outgoing request (OpenID documents, webhooks): it never follows a redirect,
/// so a 3xx is the answer (a failed fetch or attempt) and nothing is sent where it was not configured.
enum OutgoingHTTP {
    static let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// What an outgoing request came to within its deadline.
    enum Outcome: Sendable {
        /// An HTTP answer (any status, a 3xx included: redirects are not followed) and its body.
        case answered(status: Int, body: Data)
        /// No answer within the deadline.
        case timedOut
        /// No connection, a TLS failure, or an answer that was not HTTP.
        case failed(any Error)
    }

    /// Sends `request` through `session`, waiting at most `timeout` seconds: URLSession on Linux does
    /// not reliably end a request whose server stays silent, so a deadline races it (`Deadline.first`).
    /// The one place both the OpenID fetches and the webhook attempts get their deadline.
    static func send(_ request: URLRequest, timeout: TimeInterval) async -> Outcome {
        await Deadline.first(
            of: {
                do {
                    let (data, response) = try await session.data(for: request)
                    guard let http = response as? HTTPURLResponse else { return .failed(URLError(.badServerResponse)) }
                    return .answered(status: http.statusCode, body: data)
                } catch {
                    return .failed(error)
                }
            }, within: timeout, otherwise: .timedOut)
    }
}

/// `HTTPFetcher` over URLSession (FoundationNetworking on Linux), within `OutgoingHTTP.send`'s deadline.
public struct URLSessionFetcher: HTTPFetcher {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 10) { self.timeout = timeout }

    public func get(_ url: URL) async throws -> Data {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("kvalitet (openid connect)", forHTTPHeaderField: "User-Agent")
        switch await OutgoingHTTP.send(request, timeout: timeout) {
        case .answered(let status, let data) where (200..<300).contains(status):
            return data
        case .answered(let status, _):
            throw HTTPFetchError(url: url.absoluteString, reason: "HTTP \(status)")
        case .timedOut:
            throw HTTPFetchError(url: url.absoluteString, reason: "timed out after \(Int(timeout)) s")
        case .failed(let error):
            throw error
        }
    }
}
