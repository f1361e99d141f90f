import Foundation
import Testing

@Suite("Connection limits and graceful shutdown", .serialized)
struct LimitsAndShutdownTests {
    let limits = ["KVALITET_HEADER_TIMEOUT": "1", "KVALITET_IDLE_TIMEOUT": "2", "KVALITET_MAX_CONNECTIONS": "4"]

    @Test func aClientThatNeverFinishesItsHeadersIsCutOffAndOthersAreServed() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve(environment: limits)
        let slow = try RawConnection(port: server.port)
        slow.send("GET /health HTTP/1.1\r\nHost: x\r\n")
        let health = try await server.send("GET", "/health", token: nil)
        #expect(health.status == 200)
        let result = slow.readUntilClosed()
        #expect(result.closed)
        #expect(result.seconds < 5)
        #expect(server.stop() == 0)
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve(environment: limits)
        let idle = try RawConnection(port: server.port)
        let result = idle.readUntilClosed()
        #expect(result.closed)
        #expect(result.seconds < 6)
        #expect(server.stop() == 0)
    }

    @Test func connectionsOverTheCapAreRefusedNotQueuedAndFreedPlacesAreReused() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve(environment: ["KVALITET_MAX_CONNECTIONS": "4"])
        var held: [RawConnection] = try (0..<4).map { _ in try RawConnection(port: server.port) }
        try await Task.sleep(for: .milliseconds(200))
        let excess = try RawConnection(port: server.port)
        let refused = excess.readUntilClosed()
        #expect(refused.closed)
        #expect(refused.seconds < 2)
        #expect(held.count == 4)
        held.removeAll()
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await server.send("GET", "/health", token: nil).status == 200)
        #expect(server.stop() == 0)
    }

    @Test func headersLargerThanTheLimitAreRefusedAndTheServerStaysUp() async throws {
        let kvalitet = try Kvalitet()
        let server = try kvalitet.serve()
        let big = try RawConnection(port: server.port)
        big.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 200_000) + "\r\n\r\n")
        let result = big.readUntilClosed()
        #expect(result.closed)
        #expect(!result.text.contains("200 OK"))
        #expect(try await server.send("GET", "/health", token: nil).status == 200)
        #expect(server.stop() == 0)
    }

    @Test func sigtermLetsInFlightRequestsFinishThenExitsZero() async throws {
        let kvalitet = try Kvalitet()
        let token = try kvalitet.createToken(name: "drain", role: "admin")
        let server = try kvalitet.serve()
        try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token, json: #"{"name":"Enhet","level":"sektion"}"#)
        let created = await withTaskGroup(of: String?.self) { group in
            for index in 0..<30 {
                group.addTask {
                    let reply = try? await server.send("POST", "/api/v1/avvikelser", token: token, json: """
                        {"unitId":"enhet","title":"Under nedstängning \(index)","receivedOn":"2025-03-02","category":"ovrigt"}
                        """)
                    guard let reply else { return nil }
                    // Whatever was answered was answered completely: a record, never a 5xx or a torn body.
                    #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
                    return reply.json["id"] as? String
                }
            }
            try? await Task.sleep(for: .milliseconds(30))
            server.process.terminate()
            return await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        let again = try kvalitet.serve()
        for id in created {
            #expect(try await again.send("GET", "/api/v1/avvikelser/\(id)", token: token).status == 200, "\(id)")
        }
        #expect(again.stop() == 0)
    }
}
