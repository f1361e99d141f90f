import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KvalitetServer
import Logging
import Synchronization
import Testing

/// A receiver that answers a redirect is not the receiver: the attempt fails with the 3xx and the
/// redirect's target never gets the signed message (nor does an OpenID fetch follow one).
/// Requests a test server answered.
final class Hits: Sendable {
    let count = Mutex(0)
}

@Suite("Webhook and fetch redirects")
struct WebhookRedirectTests {
    /// Serves `/moved` as a 307 to `/target`, which answers 204 (or the document) and counts its requests.
    static func withRedirectingServer(_ body: @escaping @Sendable (String, Hits) async throws -> Void)
        async throws
    {
        let reached = Hits()
        let router = Router()
        router.on("/moved", method: .post) { _, _ in Response(status: .temporaryRedirect, headers: [.location: "/target"]) }
        router.on("/moved", method: .get) { _, _ in Response(status: .temporaryRedirect, headers: [.location: "/target"]) }
        router.on("/target", method: .post) { _, _ -> Response in
            reached.count.withLock { $0 += 1 }
            return Response(status: .noContent)
        }
        router.on("/target", method: .get) { _, _ -> String in
            reached.count.withLock { $0 += 1 }
            return "{}"
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "redirecting-receiver"))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))", reached)
        }
    }

    @Test func aWebhookReceiverAnsweringARedirectIsAFailedAttemptAndItsTargetIsNeverPosted() async throws {
        try await Self.withRedirectingServer { base, reached in
            let outcome = await URLSessionWebhookSender(timeout: 5).post(
                base + "/moved", headers: ["webhook-id": "msg_1"], body: Array(#"{"type":"x"}"#.utf8))
            #expect(outcome == .refused(status: 307, reason: "http_status"))
            #expect(reached.count.withLock { $0 } == 0)
        }
    }

    @Test func anOpenIDFetchAnsweredWithARedirectFailsWithoutFollowingIt() async throws {
        try await Self.withRedirectingServer { base, reached in
            await #expect(throws: HTTPFetchError.self) {
                _ = try await URLSessionFetcher(timeout: 5).get(try #require(URL(string: base + "/moved")))
            }
            #expect(reached.count.withLock { $0 } == 0)
        }
    }
}
