import Foundation
import KvalitetDomain
@testable import KvalitetServer
import KvalitetStorage
import Testing

/// E-mail end to end: records created through the API, the mail worker sending through libcurl to a
/// real SMTP server on loopback (aiosmtpd), and the messages as that server received them.
@Suite("E-mail through libcurl to aiosmtpd")
struct MailDeliveryTests {
    static let publicURL = URL(string: "https://kvalitet.kommun.se")!

    /// The application with the mail worker sending through libcurl to `relay`.
    static func app(_ relay: SmtpRelay, clock: MovableClock = MovableClock(TestApp.noon)) async throws -> TestApp {
        try await TestApp.make { config in
            config.clock = clock
            config.mail.smtpURL = relay.url
            config.mail.user = relay.user
            config.mail.password = relay.password
            config.mail.caFile = relay.caFile
            config.mail.from = "kvalitet@kommun.se"
            config.mail.publicURL = publicURL
            config.mailInterval = .milliseconds(20)
        }
    }

    static func recipient(_ client: TestApp.Client, _ address: String, kinds: String, unit: String = "ifo")
        async throws -> String
    {
        let created = try await client.send(
            .post, "/api/v1/epostmottagare", json: #"{"address":"\#(address)","eventKinds":\#(kinds),"unitId":"\#(unit)"}"#)
        #expect(created.status == .created, "\(created.body)")
        return created.json["id"] as? String ?? ""
    }

    @Test func aNewRecordInTheSubtreeSendsASwedishUTF8MessageWithTheCaseAndLinkButNoFreeText() async throws {
        guard let python = SmtpSink.python() else { return }
        let sink = try SmtpSink(python: python)
        defer { sink.stop() }
        let app = try await Self.app(SmtpRelay(url: "smtp://127.0.0.1:\(sink.port)"))
        try await app.run { client in
            _ = try await Self.recipient(client, "avvikelser@kommun.se", kinds: #"["record.created"]"#)
            let id = try await client.createAvvikelse()
            _ = try await client.createAvvikelse(unit: "vuxen")  // outside the subtree: no message
            let messages = try await sink.wait(for: 1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(sink.messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.mailFrom == "kvalitet@kommun.se" && message.rcptTos == ["avvikelser@kommun.se"])
            #expect(message.subject == "Nytt ärende \(id) (Utredning)")
            #expect(message.contentType == "text/plain" && message.charset == "utf-8")
            #expect(message.headers["Auto-Submitted"] == "auto-generated")
            #expect(message.headers["Message-ID"]?.hasSuffix("@kommun.se>") == true)
            #expect(message.body.contains("Ärende: \(id)") && message.body.contains("Typ: Kvalitetsavvikelse"))
            #expect(message.body.contains("Öppna ärendet: https://kvalitet.kommun.se/api/v1/avvikelser/\(id)"))
            #expect(!message.body.contains("Journal saknades"), "the record's title is free text")
            #expect(!message.raw.contains("ä") && message.raw.allSatisfy(\.isASCII), "7-bit on the wire")
        }
    }

    @Test func aRelayRequiringSTARTTLSAndALoginGetsBoth() async throws {
        guard let python = SmtpSink.python() else { return }
        let (certificate, key) = try SmtpSink.selfSignedCertificate()
        let sink = try SmtpSink(python: python, login: "kvalitet:hemligt lösen", tls: (certificate, key))
        defer { sink.stop() }
        let relay = SmtpRelay(
            url: "smtp://127.0.0.1:\(sink.port)", user: "kvalitet", password: "hemligt lösen", caFile: certificate)
        let app = try await Self.app(relay)
        try await app.run { client in
            _ = try await Self.recipient(client, "lexsarah@kommun.se", kinds: #"["record.created"]"#)
            let id = try await client.createAvvikelse()
            let message = try #require(try await sink.wait(for: 1).first)
            #expect(message.tls && message.login == "kvalitet")
            #expect(message.subject.hasPrefix("Nytt ärende \(id)"))
        }
    }

    @Test func aWrongPasswordIsRecordedAsTheRelaysRefusalAndNothingArrives() async throws {
        guard let python = SmtpSink.python() else { return }
        let sink = try SmtpSink(python: python, login: "kvalitet:rätt")
        defer { sink.stop() }
        let app = try await Self.app(
            SmtpRelay(url: "smtp://127.0.0.1:\(sink.port)", user: "kvalitet", password: "fel"))
        try await app.run { client in
            let recipient = try await Self.recipient(client, "avvikelser@kommun.se", kinds: #"["record.created"]"#)
            _ = try await client.createAvvikelse()
            var deliveries: [String: Any] = [:]
            for _ in 0..<400 {
                deliveries = try await client.send(.get, "/api/v1/epostmottagare/\(recipient)").json["deliveries"]
                    as? [String: Any] ?? [:]
                if deliveries["lastError"] is String { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(deliveries["pending"] as? Int == 1 && deliveries["sent"] as? Int == 0)
            #expect((deliveries["lastError"] as? String)?.contains("smtp 535") == true, "\(deliveries)")
            #expect(sink.messages.isEmpty)
        }
    }

    @Test func messagesTheRelayRefusedAreRetriedWithBackoffAndSentOnceEach() async throws {
        guard let python = SmtpSink.python() else { return }
        let sink = try SmtpSink(python: python, refuse: 2)
        defer { sink.stop() }
        let clock = MovableClock(TestApp.noon)
        let app = try await Self.app(SmtpRelay(url: "smtp://127.0.0.1:\(sink.port)"), clock: clock)
        try await app.run { client in
            let recipient = try await Self.recipient(
                client, "avvikelser@kommun.se", kinds: #"["record.created","record.status_changed"]"#)
            let id = try await client.createAvvikelse()
            try await client.send(
                .post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"under_utredning"}"#,
                headers: [.ifMatch: "\"1\""])
            try await WebhookDeliveryTests.wait(clock: clock, step: 20) { sink.messages.count >= 2 }
            try await Task.sleep(for: .milliseconds(300))
            let messages = sink.messages
            #expect(messages.map(\.subject) == [
                "Nytt ärende \(id) (Utredning)", "Ny status för \(id) (Utredning): under utredning",
            ])
            #expect(messages[1].body.contains("från inkommen till under utredning"))
            let summary = try await client.send(.get, "/api/v1/epostmottagare/\(recipient)").json["deliveries"]
            #expect((summary as? [String: Any])?["sent"] as? Int == 2)
        }
    }
}
