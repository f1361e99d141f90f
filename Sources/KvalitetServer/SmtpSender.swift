import CCurl
import Foundation
import KvalitetDomain
import KvalitetStorage

/// Sends one e-mail message through a relay; injected into the mail worker so tests may refuse or count.
public protocol MailSender: Sendable {
    /// Sends `message` (RFC 5322, CRLF line ends) with envelope sender `from` to `recipient`.
    /// `.sent` when the relay accepted it (250 after DATA); otherwise a short reason, never an address.
    func send(_ message: [UInt8], from: String, to recipient: String) async -> MailOutcome
}

/// Where and how to reach the municipality's SMTP relay (`--smtp-url`, `--smtp-user`,
/// `--smtp-password-file`, `--smtp-ca-file`).
public struct SmtpRelay: Sendable, Equatable {
    /// `smtp://host[:port]` (STARTTLS, required beyond loopback) or `smtps://host[:port]` (TLS from the start).
    public var url: String
    /// The login (AUTH); nil: none.
    public var user: String?
    /// The password, read from a file; never logged or shown.
    public var password: String?
    /// A PEM file of the CA certificates the relay's certificate is checked against; nil: the system's.
    public var caFile: String?
    /// Seconds a whole send may take (connect, TLS, AUTH, DATA).
    public var timeout: Int = 30

    public init(url: String, user: String? = nil, password: String? = nil, caFile: String? = nil, timeout: Int = 30) {
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }

    /// The rule on relay URLs: `smtp://` or `smtps://`, a host, no user or password in it (they come
    /// from `--smtp-user` and the password file) and no path. Nil when `text` is fine.
    public static func check(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            let host = url.host, !host.isEmpty
        else { return "must be smtp://host[:port] or smtps://host[:port] (got \(text.prefix(200)))" }
        if url.user != nil || url.password != nil {
            return "must not carry a login; use --smtp-user and a password file"
        }
        if !(url.path.isEmpty || url.path == "/") { return "must have no path" }
        return nil
    }

    /// TLS is required (CURLUSESSL_ALL) unless the relay is on loopback, where STARTTLS is used if offered.
    var requiresTLS: Bool { !WebhookSubscription.isLoopback(URL(string: url)?.host ?? "") }
}

/// `MailSender` over the system's libcurl (`smtp://` with STARTTLS, `smtps://`, AUTH when a login is set).
/// Each send is one blocking libcurl transfer on a thread of its own, bounded by the relay's timeout.
public struct CurlSmtpSender: MailSender {
    public let relay: SmtpRelay

    public init(relay: SmtpRelay) { self.relay = relay }

    /// libcurl's global state, set up once before the first transfer.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    public func send(_ message: [UInt8], from: String, to recipient: String) async -> MailOutcome {
        let relay = relay
        // A Thread of its own, never Dispatch's global queues: on Linux those are the threads Swift
        // concurrency runs on (as many as cores), and a transfer blocks for up to the relay's timeout.
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.transfer(message, from: from, to: recipient, relay: relay))
            }
            thread.name = "kvalitet.smtp"
            thread.start()
        }
    }

    /// The message being read by libcurl's read callback.
    final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    static func transfer(_ message: [UInt8], from: String, to recipient: String, relay: SmtpRelay) -> MailOutcome {
        guard initialised, let handle = curl_easy_init() else { return .refused(reason: "curl: not initialised") }
        defer { curl_easy_cleanup(handle) }
        let upload = Unmanaged.passRetained(Upload(message))
        defer { upload.release() }
        let recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let read: kvalitet_curl_read_callback = { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            guard length > 0 else { return 0 }
            upload.bytes.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(
                    from: source.baseAddress! + upload.offset, byteCount: length)
            }
            upload.offset += length
            return length
        }
        var results: [CURLcode] = [
            kvalitet_curl_set_string(handle, CURLOPT_URL, relay.url),
            kvalitet_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
            kvalitet_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"),
            kvalitet_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients),
            kvalitet_curl_set_long(handle, CURLOPT_UPLOAD, 1),
            kvalitet_curl_set_read(handle, read),
            kvalitet_curl_set_pointer(handle, CURLOPT_READDATA, upload.toOpaque()),
            kvalitet_curl_set_long(
                handle, CURLOPT_USE_SSL, Int(relay.requiresTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue)),
            kvalitet_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            kvalitet_curl_set_long(handle, CURLOPT_TIMEOUT, relay.timeout),
            kvalitet_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(relay.timeout, 10)),
        ]
        if let user = relay.user {
            results.append(kvalitet_curl_set_string(handle, CURLOPT_USERNAME, user))
            results.append(kvalitet_curl_set_string(handle, CURLOPT_PASSWORD, relay.password ?? ""))
        }
        if let caFile = relay.caFile { results.append(kvalitet_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        if let bad = results.first(where: { $0 != CURLE_OK }) { return .refused(reason: reason(bad, handle)) }
        let code = curl_easy_perform(handle)
        return code == CURLE_OK ? .sent : .refused(reason: reason(code, handle))
    }

    /// `curl 67: Login denied, smtp 535`: libcurl's generic text and the relay's last reply code.
    static func reason(_ code: CURLcode, _ handle: UnsafeMutableRawPointer) -> String {
        let text = String(cString: curl_easy_strerror(code))
        var reply = 0
        _ = kvalitet_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        return "curl \(code.rawValue): \(text)" + (reply > 0 ? ", smtp \(reply)" : "")
    }
}
