import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenID provider on loopback: `oidc-provider-mock` from PyPI, started on a free port with
/// predefined users, stopped by `stop()`. Its signing key is made anew at each start, so restarting
/// it on the same port is a key rotation.
public final class OIDCProvider: @unchecked Sendable {
    /// `OIDC_PROVIDER_MOCK`, else the venv `.ci/run` makes, else nil.
    public static var executable: String? {
        let candidates = [
            ProcessInfo.processInfo.environment["OIDC_PROVIDER_MOCK"], "/tmp/oidc-venv/bin/oidc-provider-mock",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    public static let installHint =
        "install it: python3.12 -m venv /tmp/oidc-venv && /tmp/oidc-venv/bin/pip install "
        + "oidc-provider-mock==0.4.8 (or set OIDC_PROVIDER_MOCK to its executable); .ci/run does this"

    public let port: Int
    public let users: [String]
    private var process: Child?
    public var issuer: String { "http://127.0.0.1:\(port)" }

    /// `users` are JSON objects with `sub` and the claims the ID token should carry.
    public init(users: [String]) throws {
        port = try Self.freePort()
        self.users = users
        try start()
    }

    public func start() throws {
        guard let executable = Self.executable else { throw ProviderError.missing(Self.installHint) }
        let process = Child()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port", String(port), "--host", "127.0.0.1"] + users.flatMap { ["--user-claims", $0] }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // 90 s, and one more look after them: Python's start-up on a loaded 2-core machine has taken
        // longer than 30 s in the full suite.
        let discovery = URL(string: issuer + "/.well-known/openid-configuration")!
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if (try? Data(contentsOf: discovery)) != nil { return }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if (try? Data(contentsOf: discovery)) != nil { return }
        stop()
        throw ProviderError.didNotStart
    }

    public func stop() {
        guard let process, process.isRunning else { return }
        process.signal(SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// The authorization code flow as a browser and a client do it: the user `sub` signs in on the
    /// provider's form, the redirect's code is exchanged at the token endpoint; returns the ID token (a
    /// JWT whose audience is `clientId`). Run with the provider's own Python, which does not follow the
    /// redirect to the (absent) client.
    public func signIn(_ sub: String, clientId: String) throws -> String {
        let python = URL(fileURLWithPath: Self.executable ?? "").deletingLastPathComponent().appendingPathComponent(
            "python3")
        let process = Child()
        process.executableURL = python
        process.arguments = ["-c", Self.flow, issuer, sub, clientId]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let token = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, token.split(separator: ".").count == 3 else {
            throw ProviderError.flow(problem)
        }
        return token.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let flow = """
        import base64, json, sys, urllib.error, urllib.parse, urllib.request
        issuer, sub, client = sys.argv[1:4]
        redirect = "http://127.0.0.1/callback"
        class Stop(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args): return None
        opener = urllib.request.build_opener(Stop)
        query = urllib.parse.urlencode({"client_id": client, "redirect_uri": redirect, "response_type": "code",
                                        "scope": "openid profile", "state": "e2e"})
        try:
            opener.open(issuer + "/oauth2/authorize?" + query, data=urllib.parse.urlencode({"sub": sub}).encode())
            sys.exit("the provider did not redirect")
        except urllib.error.HTTPError as answer:
            location = answer.headers["Location"]
        code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]
        basic = base64.b64encode((client + ":secret").encode()).decode()
        exchange = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
        request = urllib.request.Request(issuer + "/oauth2/token", headers={"Authorization": "Basic " + basic},
                                         data=urllib.parse.urlencode(exchange).encode())
        print(json.load(urllib.request.urlopen(request))["id_token"])
        """

    public enum ProviderError: Error {
        case missing(String)
        case didNotStart
        case flow(String)
    }

    /// A port nothing listens on now: bound to port 0, read back, closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw ProviderError.flow("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
