import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// The built `kvalitet` binary, run as a user would: CLI commands and `serve` on a free loopback port.
struct Kvalitet {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let migrations = packageRoot.appendingPathComponent("migrations").path

    /// `KVALITET_BINARY`, else the binary next to the test bundle (the same build folder).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["KVALITET_BINARY"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("kvalitet").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/kvalitet").path
    }

    let folder: String
    var database: String { folder + "/data/kvalitet.sqlite" }

    /// A new temporary folder, or `folder` (e.g. on a small file system the test mounted).
    init(folder: String? = nil) throws {
        if let folder {
            self.folder = folder
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else {
            self.folder = try TestFolders.make("kvalitet-e2e")
        }
    }

    /// Runs a CLI command to completion; returns exit status, stdout and stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: Kvalitet.binary)
        process.arguments = arguments + ["--database", database, "--migrations", Kvalitet.migrations]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// `kvalitet token create`; the token is all of stdout.
    func createToken(name: String, role: String, units: [String] = []) throws -> String {
        let result = try run(["token", "create", "--name", name, "--role", role] + units.flatMap { ["--unit", $0] })
        #expect(result.status == 0, "\(result.err)")
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `kvalitet serve --port 0` and waits until it says where it listens.
    func serve(environment extra: [String: String] = [:]) throws -> Server {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: Kvalitet.binary)
        process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--database", database, "--migrations", Kvalitet.migrations]
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let log = Log()
        err.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        try process.run()
        // 90 s, and one more look after them: under the full suite on 2 cores a start-up has waited
        // long for a thread (the banner is read by Foundation's handler thread), never for the server.
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if let port = log.port { return Server(process: process, port: port, log: log) }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if let port = log.port { return Server(process: process, port: port, log: log) }
        process.terminate()
        throw ServerError.didNotStart(log.text)
    }

    enum ServerError: Error { case didNotStart(String) }

    /// What the server wrote on stderr, collected from another thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
        /// From the text banner, or from the `"listening"` entry of a JSON log (`--log-format json`).
        var port: Int? {
            let text = text
            if let range = text.range(of: "Kvalitet listening on http://127.0.0.1:") {
                return Int(text[range.upperBound...].prefix { $0.isNumber })
            }
            for line in text.split(separator: "\n") where line.contains(#""message":"listening""#) {
                guard let range = line.range(of: #""port":""#) else { continue }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }
            return nil
        }
    }
}

/// A running server and an HTTP client for it. A server its test did not stop (because the test
/// failed first) gets SIGTERM when the test lets go of it.
final class Server: Sendable {
    let process: Child
    let port: Int
    let log: Kvalitet.Log

    init(process: Child, port: Int, log: Kvalitet.Log) {
        self.process = process
        self.port = port
        self.log = log
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    @discardableResult
    func send(_ method: String, _ path: String, token: String?, json: String? = nil,
              contentType: String = "application/json", headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 20
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// SIGTERM, then the exit status once the server has drained and stopped.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
