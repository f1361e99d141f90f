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
}

/// `HTTPFetcher` over URLSession (FoundationNetworking on Linux), with a deadline of its own because
/// URLSession on Linux does not reliably end a request whose server stays silent.
public struct URLSessionFetcher: HTTPFetcher {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 10) { self.timeout = timeout }

    public func get(_ url: URL) async throws -> Data {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("kvalitet (openid connect)", forHTTPHeaderField: "User-Agent")
        let prepared = request
        let seconds = timeout
        let (data, response) = try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
            group.addTask { try await OutgoingHTTP.session.data(for: prepared) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                throw HTTPFetchError(url: url.absoluteString, reason: "timed out after \(Int(seconds)) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw HTTPFetchError(url: url.absoluteString, reason: "no answer")
            }
            return first
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw HTTPFetchError(url: url.absoluteString, reason: "HTTP \(status)")
        }
        return data
    }
}
