import Foundation
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
}
