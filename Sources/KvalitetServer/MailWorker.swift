import Foundation
import KvalitetDomain
import KvalitetStorage
import Logging
import ServiceLifecycle

/// The mail worker (a service beside the HTTP server and the webhook worker): fans new events out to
/// e-mail recipients, sends each due message through the relay and records the attempt. Off the
/// request path, so a dead relay never slows a request; its state is the database, so a restart
/// continues where it stopped. The relay's acceptance is recorded right after it; a crash in between
/// repeats that one message, with the same Message-ID.
public struct MailWorker: Service {
    let queue: MailQueue
    let sender: any MailSender
    /// The envelope sender and `From:` address (`--mail-from`).
    let from: String
    /// The service's address as users reach it (`--public-url`), before each record's link.
    let publicURL: String
    let clock: any KvalitetClock
    let interval: Duration
    let logger: Logger

    public init(
        queue: MailQueue, sender: any MailSender, from: String, publicURL: URL, clock: any KvalitetClock,
        interval: Duration, logger: Logger
    ) {
        self.queue = queue
        self.sender = sender
        self.from = from
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.publicURL = base
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

    /// One pass: fan out, then send every due message, one at a time (the relay is one).
    func round() async {
        do {
            try await queue.fanOut()
            for mail in try await queue.due() {
                guard !Task.isCancelled else { return }
                await attempt(mail)
            }
        } catch {
            guard !Task.isCancelled, !(error is CancellationError) else { return }
            logger.warning("mail round failed", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// The JSON `data` of an event, as `EventOutbox` writes it.
    struct EventData: Decodable {
        let recordId: String
        let family: String
        let status: String
        let previousStatus: String?
        let dates: [String: String]?
        let link: String
        let deadline: String?
        let dueOn: String?
    }

    /// The message of `mail`, or nil when its event has no text (an unknown kind or deadline).
    func message(_ mail: DueMail) -> MailMessage? {
        guard let data = try? JSONDecoder().decode(EventData.self, from: Data(mail.payload.utf8)) else { return nil }
        let facts = MailFacts(
            kind: mail.kind, caseNumber: data.recordId, family: RecordFamily(rawValue: data.family),
            unitNames: mail.unitNames, status: data.status, previousStatus: data.previousStatus,
            recordDate: data.dates?["recordDate"], deadline: data.deadline, dueOn: data.dueOn.flatMap(LocalDate.init),
            link: publicURL + data.link)
        guard let text = MailText.of(facts) else { return nil }
        let domain = from.split(separator: "@").last.map(String.init) ?? "kvalitet.invalid"
        return MailMessage(
            from: from, to: mail.address, subject: text.subject, body: text.body, date: clock.now(),
            messageId: "\(mail.eventId).\(mail.recipientId)@\(domain)")
    }

    func attempt(_ mail: DueMail) async {
        let outcome: MailOutcome
        if let message = message(mail) {
            outcome = await sender.send(message.bytes, from: from, to: mail.address)
        } else {
            outcome = .refused(reason: "no text for event kind \(mail.kind.prefix(64))")
        }
        do {
            let state = try await queue.record(outcome, of: mail)
            // The recipient's id, never its address (personal data).
            var metadata: Logger.Metadata = [
                "recipient": "\(mail.recipientId)", "delivery": "\(mail.id)", "state": "\(state)",
                "event": "\(mail.eventId)",
            ]
            if case .refused(let reason) = outcome { metadata["reason"] = "\(reason)" }
            switch state {
            case "failed": logger.warning("e-mail failed after 24 hours of retries", metadata: metadata)
            case "pending": logger.notice("e-mail not accepted by the relay; retried later", metadata: metadata)
            default: logger.debug("e-mail sent", metadata: metadata)
            }
        } catch {
            logger.warning("e-mail attempt not recorded", metadata: ["error": "\(type(of: error))"])
        }
    }
}
