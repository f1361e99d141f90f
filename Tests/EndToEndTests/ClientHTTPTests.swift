import Foundation
import TestSupport
import Testing

/// HTTP as real clients speak it, on the real binary's sockets: where a request head ends, and
/// what the header deadline does around early answers.
@Suite("HTTP as clients speak it", .serialized)
struct ClientHTTPTests {
    /// Heads ending in bare LFs: NIO's parser (llhttp, strict) refuses them with 400 and closes at
    /// once; the header deadline must agree with the parser, not keep its own idea of a head's end.
    static let bareLFHeads: [(name: String, head: String)] = [
        ("LF LF", "GET /health HTTP/1.1\nHost: x\n\n"),
        ("CRLF LF", "GET /health HTTP/1.1\r\nHost: x\r\n\n"),
        ("LF CRLF", "GET /health HTTP/1.1\nHost: x\n\r\n"),
        ("request line LF", "GET /health HTTP/1.1\nHost: x\r\n\r\n"),
    ]

    @Test func aHeadEndingInBareLFsIsAnsweredAsTheParserSeesItNotCutByTheDeadline() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve(environment: ["KVALITET_HEADER_TIMEOUT": "10"])
        defer { _ = server.stop() }
        for row in Self.bareLFHeads {
            let connection = try RawConnection(port: server.port)
            connection.send(row.head)
            let result = connection.readUntilClosed()
            #expect(result.text.hasPrefix("HTTP/1.1 400 Bad Request"), "\(row.name): \(result.text)")
            #expect(result.closed && result.seconds < 5, "\(row.name): \(result.seconds) s")
        }
    }

    /// Bytes that follow an answer but are not a head (the rest of a body the server answered early)
    /// must not arm the header deadline: the keep-alive connection lives until its idle timeout.
    static let earlyAnswers: [(name: String, request: String, rest: String)] = [
        ("401 before the body", "POST /api/v1/avvikelser HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 12\r\n\r\n", #"{"title":1}"# + "\n"),
        ("body in pieces", "POST /api/v1/avvikelser HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n", "{}\r\n"),
    ]

    @Test func bytesAfterAnEarlyAnswerDoNotArmTheHeaderDeadline() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve(environment: ["KVALITET_HEADER_TIMEOUT": "1", "KVALITET_IDLE_TIMEOUT": "30"])
        defer { _ = server.stop() }
        for row in Self.earlyAnswers {
            let connection = try RawConnection(port: server.port)
            connection.send(row.request)
            let first = connection.read(until: "\"status\":401")
            #expect(first.contains("HTTP/1.1 401"), "\(row.name): \(first)")
            connection.send(row.rest)
            // Longer than the header timeout: a deadline armed by the body's bytes would cut the connection.
            try await Task.sleep(for: .milliseconds(1_600))
            connection.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let second = connection.readUntilClosed()
            #expect(second.text.contains("HTTP/1.1 200 OK"), "\(row.name): \(second.text)")
        }
    }

    /// Requests with `Expect: 100-continue`: the interim answer the client must see first, and the
    /// final status. Without 100 the client sends no body; the final status comes anyway.
    static let expectRows: [(name: String, method: String, path: String, token: Bool, contentType: String,
                             length: Int?, continues: Bool, status: String)] = [
        ("a create", "POST", "/api/v1/avvikelser", true, "application/json", nil, true, "201"),
        ("a unit", "PUT", "/api/v1/verksamheter/expect", true, "application/json", nil, true, "201"),
        ("no token", "POST", "/api/v1/avvikelser", false, "application/json", nil, false, "401"),
        ("over the limit", "POST", "/api/v1/avvikelser", true, "application/json", 2 << 20, false, "413"),
        ("wrong content type", "POST", "/api/v1/avvikelser", true, "text/plain", nil, false, "415"),
        ("no such route", "POST", "/api/v1/nothing", true, "application/json", nil, false, "404"),
    ]

    static let unit = #"{"name":"Enhet","level":"sektion"}"#

    @Test func expect100ContinueIsAnsweredAtOnceWith100OrTheFinalStatus() async throws {
        let kvalitet = try Kvalitet()
        let token = try kvalitet.createToken(name: "expect", role: "admin")
        let server = try kvalitet.serve()
        defer { _ = server.stop() }
        try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token, json: Self.unit)
        for row in Self.expectRows {
            let body = row.path.contains("verksamheter") ? #"{"name":"Expect","level":"sektion"}"#
                : #"{"unitId":"enhet","title":"Med Expect","receivedOn":"2025-03-02","category":"ovrigt"}"#
            let connection = try RawConnection(port: server.port)
            connection.send("\(row.method) \(row.path) HTTP/1.1\r\nHost: x\r\nContent-Type: \(row.contentType)\r\n"
                + (row.token ? "Authorization: Bearer \(token)\r\n" : "") + "Expect: 100-continue\r\n"
                + "Content-Length: \(row.length ?? body.utf8.count)\r\nConnection: close\r\n\r\n")
            // Nothing of the body is sent until the server has answered.
            let first = connection.read(until: "\r\n\r\n")
            if row.continues {
                #expect(first.hasPrefix("HTTP/1.1 100 Continue\r\n"), "\(row.name): \(first)")
                connection.send(body)
                let final = connection.readUntilClosed().text
                #expect(final.hasPrefix("HTTP/1.1 \(row.status)"), "\(row.name): \(final)")
            } else {
                #expect(first.hasPrefix("HTTP/1.1 \(row.status)"), "\(row.name): \(first)")
                #expect(!first.contains("100 Continue"), "\(row.name)")
            }
        }
    }

    @Test func curlSendingExpectGetsItsAnswerWithoutWaiting() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("install curl (apt-get install -y curl)")
            }
            print("skipped: /usr/bin/curl is missing (apt-get install -y curl)")
            return
        }
        let kvalitet = try Kvalitet()
        let token = try kvalitet.createToken(name: "curl", role: "admin")
        let server = try kvalitet.serve()
        defer { _ = server.stop() }
        try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token, json: Self.unit)
        let body = #"{"unitId":"enhet","title":"Med curl","receivedOn":"2025-03-02","category":"ovrigt"}"#
        // curl would wait --expect100-timeout seconds (here 30, past --max-time) for an unanswered Expect.
        let process = Child()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sv", "--max-time", "10", "--expect100-timeout", "30",
                             "-o", "/dev/null", "-w", "%{http_code}",
                             "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                             "-H", "Expect: 100-continue", "--data-binary", body,
                             "http://127.0.0.1:\(server.port)/api/v1/avvikelser"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let trace = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(status == "201", "\(trace)")
        #expect(trace.contains("< HTTP/1.1 100 Continue"), "\(trace)")
    }
}

extension ClientHTTPTests {
    @Test func headOnTheWireCarriesTheGetsLengthAndNoBody() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve()
        defer { _ = server.stop() }
        let get = try await server.send("GET", "/health", token: nil)
        let connection = try RawConnection(port: server.port)
        connection.send("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let text = connection.readUntilClosed().text
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(text)")
        #expect(text.lowercased().contains("content-length: \(get.body.count)\r\n"), "\(text)")
        #expect(text.hasSuffix("\r\n\r\n"), "a body followed the head: \(text)")
    }
}
