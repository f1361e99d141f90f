import Foundation
import KvalitetDomain
import KvalitetStorage
import Logging
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one signed webhook message; injected so that tests may count or refuse attempts.
public protocol WebhookSender: Sendable {
    /// POSTs `body` with `headers` to `url`; a 2xx is `.delivered`, anything else why not.
    func post(_ url: String, headers: [String: String], body: [UInt8]) async -> DeliveryOutcome
}

/// `WebhookSender` over URLSession, within `OutgoingHTTP.send`'s deadline; a redirect is not followed,
/// so a 3xx is a refused attempt.
public struct URLSessionWebhookSender: WebhookSender {
    public var timeout: TimeInterval
    public init(timeout: TimeInterval = 10) { self.timeout = timeout }

    public func post(_ url: String, headers: [String: String], body: [UInt8]) async -> DeliveryOutcome {
        guard let target = URL(string: url) else { return .refused(status: nil, reason: "connection") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("kvalitet (webhooks)", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        switch await OutgoingHTTP.send(request, timeout: timeout) {
        case .answered(let status, _) where (200..<300).contains(status): return .delivered(status: status)
        case .answered(let status, _): return .refused(status: status, reason: "http_status")
        case .timedOut: return .refused(status: nil, reason: "timeout")
        case .failed: return .refused(status: nil, reason: "connection")
        }
    }
}

/// The delivery worker (a service beside the HTTP server): fans new events out to subscriptions,
/// sends what is due, signed, and records each attempt. It runs off the request path, so a slow or
/// dead receiver never slows a request; since its state is the database, a restart or `kill -9`
/// continues where it stopped (at least once: an attempt cut off before it was recorded is repeated).
public struct WebhookWorker: Service {
    let queue: WebhookQueue
    let sender: any WebhookSender
    let clock: any KvalitetClock
    let interval: Duration
    let logger: Logger

    public init(
        queue: WebhookQueue, sender: any WebhookSender, clock: any KvalitetClock, interval: Duration, logger: Logger
    ) {
        self.queue = queue
        self.sender = sender
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.round()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// One pass: fan out, then attempt every due delivery; subscriptions in parallel, each in order.
    func round() async {
        do {
            try await queue.fanOut()
            let due = try await queue.due()
            guard !due.isEmpty else { return }
            let bySubscription = Dictionary(grouping: due, by: \.subscriptionId)
            await withTaskGroup(of: Void.self) { group in
                for deliveries in bySubscription.values {
                    group.addTask { for delivery in deliveries { await self.attempt(delivery) } }
                }
            }
        } catch {
            // Stopping (graceful shutdown) cancels a round mid-way; that is no failure to report.
            guard !Task.isCancelled, !(error is CancellationError) else { return }
            logger.warning("webhook round failed", metadata: ["error": "\(type(of: error))"])
        }
    }

    func attempt(_ delivery: DueDelivery) async {
        let body = StandardWebhooks.body(
            kind: delivery.kind, occurredAt: delivery.occurredAt, payload: delivery.payload)
        let headers = StandardWebhooks.headers(
            secret: delivery.secret, messageId: delivery.eventId, at: clock.now(), body: body)
        let outcome = await sender.post(delivery.url, headers: headers, body: body)
        do {
            let state = try await queue.record(outcome, of: delivery)
            let metadata: Logger.Metadata = [
                "webhook": "\(delivery.subscriptionId)", "delivery": "\(delivery.id)", "state": "\(state)",
                "event": "\(delivery.eventId)",
            ]
            if state == "failed" {
                logger.warning("webhook delivery failed after 24 hours of retries", metadata: metadata)
            } else {
                logger.debug("webhook attempt", metadata: metadata)
            }
        } catch {
            logger.warning("webhook attempt not recorded", metadata: ["error": "\(type(of: error))"])
        }
    }
}
