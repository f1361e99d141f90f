import Foundation
import TestSupport
import Testing

/// aiosmtpd (PyPI) on 127.0.0.1 running `Tests/Fixtures/smtp-sink.py`: a real SMTP server that keeps
/// each accepted message as JSON (envelope, raw text, and what Python's email parser decodes).
/// Its Python is `KVALITET_AIOSMTPD_PYTHON`, or the venv `.ci/run` makes at /tmp/aiosmtpd-venv.
/// Without it the test fails under CI with the install hint and is skipped with it elsewhere.
final class SmtpSink: @unchecked Sendable {
    struct Message: Decodable {
        let mailFrom: String
        let rcptTos: [String]
        let raw: String
        let subject: String
        let headers: [String: String]
        let contentType: String
        let charset: String?
        let body: String
        let tls: Bool
        let login: String?
    }

    static let script = FixturePeer.script("smtp-sink.py")
    static let hint = "needs aiosmtpd: python3 -m venv /tmp/aiosmtpd-venv && "
        + "/tmp/aiosmtpd-venv/bin/pip install aiosmtpd==1.4.6 (as .ci/run does), or KVALITET_AIOSMTPD_PYTHON"

    let folder: String
    let process: Child
    let port: Int

    /// The Python with aiosmtpd, or nil after recording (CI) or printing why there is none.
    static func python() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let candidate = environment["KVALITET_AIOSMTPD_PYTHON"] ?? "/tmp/aiosmtpd-venv/bin/python"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        if environment["CI"] != nil { Issue.record("\(hint)") } else { print("skipped: \(hint)") }
        return nil
    }

    /// Starts the server; `login` (`user:password`) requires AUTH, `tls` (certificate and key files)
    /// offers STARTTLS and refuses mail before it, `refuse` answers 451 to the first messages.
    init(python: String, login: String? = nil, tls: (String, String)? = nil, refuse: Int = 0) throws {
        folder = try TestFolders.make("kvalitet-smtp")
        var arguments = [Self.script, "--dir", folder, "--port-file", folder + "/port", "--refuse", "\(refuse)"]
        if let login { arguments += ["--login", login] }
        if let (certificate, key) = tls { arguments += ["--tls", certificate, key] }
        process = Child()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        try process.run()
        port = FixturePeer.port(in: folder + "/port", tries: 200)
        try #require(port > 0, "aiosmtpd did not start")
    }

    deinit { stop() }

    /// SIGTERM, then SIGKILL if the server has not exited within 5 s. Never `waitUntilExit()`: this
    /// runs on one of Swift concurrency's few threads (2 on a 2-core machine), and a server that never
    /// exits would hold that thread and with it every other test.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.signal(SIGKILL) }
    }

    /// The messages accepted so far, in the order they arrived.
    var messages: [Message] {
        FixturePeer.jsonFiles(in: folder).compactMap { try? JSONDecoder().decode(Message.self, from: $0) }
    }

    /// Waits (up to 20 s) until `count` messages have arrived; returns those there are.
    func wait(for count: Int) async throws -> [Message] {
        for _ in 0..<400 {
            let arrived = messages
            if arrived.count >= count { return arrived }
            try await Task.sleep(for: .milliseconds(50))
        }
        return messages
    }

    /// A self-signed certificate for 127.0.0.1 made by openssl in a new folder: (certificate, key) paths.
    static func selfSignedCertificate() throws -> (String, String) {
        let folder = try TestFolders.make("kvalitet-smtp-tls")
        let (certificate, key) = (folder + "/cert.pem", folder + "/key.pem")
        let openssl = Child()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a certificate")
        return (certificate, key)
    }
}
