import Foundation
import KvalitetDomain

/// E-mail as configured (`--smtp-url`, `--smtp-user`, `--smtp-password-file`, `--smtp-ca-file`,
/// `--mail-from`, `--public-url`): no relay, no e-mail.
public struct MailSettings: Sendable, Equatable {
    public var smtpURL: String?
    public var user: String?
    /// Read from `--smtp-password-file` at start (its last line end dropped); never logged.
    public var password: String?
    public var caFile: String?
    public var from: String?
    /// The address users reach the service at; links in messages start with it.
    public var publicURL: URL?

    public init() {}

    /// The relay to send through, when one is configured.
    public var relay: SmtpRelay? {
        smtpURL.map { SmtpRelay(url: $0, user: user, password: password, caFile: caFile) }
    }

    /// What is missing for e-mail: a relay needs a sender address and the public URL; a login needs a relay.
    var problems: [String] {
        var problems: [String] = []
        if smtpURL != nil, from == nil { problems.append("--smtp-url needs --mail-from (the sender address)") }
        if smtpURL != nil, publicURL == nil {
            problems.append("--smtp-url needs --public-url (the address links in e-mail start with)")
        }
        if smtpURL == nil, user != nil || password != nil { problems.append("--smtp-user needs --smtp-url") }
        if user != nil, password == nil { problems.append("--smtp-user needs --smtp-password-file") }
        return problems
    }
}

extension Setting {
    /// `serve`'s e-mail settings: the SMTP relay, its login, the sender and the links' base.
    public static let mail: [Setting] = [
        Setting("smtpUrl", help: "the SMTP relay: smtp://host:587 (STARTTLS) or smtps://host:465; enables e-mail") {
            if $0.isEmpty { return nil }
            if let problem = SmtpRelay.check($0) { return problem }
            $1.mail.smtpURL = $0
            return nil
        },
        Setting("smtpUser", help: "the relay's login name, when it wants AUTH (default none)") {
            if !$0.isEmpty { $1.mail.user = $0 }
            return nil
        },
        Setting("smtpPasswordFile", help: "a file holding the relay's password (never given on the command line)") {
            if $0.isEmpty { return nil }
            guard let text = try? String(contentsOfFile: $0, encoding: .utf8) else {
                return "cannot read \($0)"
            }
            var password = text
            if password.hasSuffix("\n") { password.removeLast() }
            if password.hasSuffix("\r") { password.removeLast() }
            if password.isEmpty { return "\($0) is empty" }
            $1.mail.password = password
            return nil
        },
        Setting("smtpCaFile", help: "PEM file of CA certificates the relay's certificate is checked against") {
            if $0.isEmpty { return nil }
            guard FileManager.default.isReadableFile(atPath: $0) else { return "cannot read \($0)" }
            $1.mail.caFile = $0
            return nil
        },
        Setting("mailFrom", help: "the sender address of e-mail, e.g. kvalitet@kommun.se") {
            if $0.isEmpty { return nil }
            if let problem = MailRecipient.checkAddress($0) { return problem.detail }
            $1.mail.from = $0
            return nil
        },
        Setting("publicUrl", help: "the service's address as users reach it; e-mail links start with it") {
            if $0.isEmpty { return nil }
            guard let url = URL(string: $0), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                return "must be an http(s) URL (got \($0.prefix(200)))"
            }
            $1.mail.publicURL = url
            return nil
        },
    ]
}
