import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import Testing

/// CORS answers the configured intranet origins only and adds to, never replaces, what a route says.
@Suite("CORS")
struct CORSTests {
    static let intranet = "https://intranet.example.se"

    private func app() async throws -> TestApp {
        try await TestApp.make { $0.corsOrigins = [Self.intranet] }
    }

    /// The values of every `Vary` field line, split at commas.
    private func varyValues(_ reply: TestApp.Reply) -> [String] {
        reply.headers[values: .vary].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theReportKeepsItsVaryOnAuthorizationAndAcceptWhenCORSAddsOrigin() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025", headers: [.origin: Self.intranet])
            #expect(reply.status == .ok)
            #expect(reply.headers[.accessControlAllowOrigin] == Self.intranet)
            #expect(Set(varyValues(reply)) == ["Authorization", "Accept", "Origin"])
        }
    }

    @Test func anAnswerWithoutVaryGetsVaryOriginOnce() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", headers: [.origin: Self.intranet])
            #expect(reply.status == .ok)
            #expect(varyValues(reply) == ["Origin"])
        }
    }

    @Test func anAnswerExposesTheHeadersAFormReadsToTheBrowser() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", headers: [.origin: Self.intranet])
            let exposed = Set((reply.headers[.accessControlExposeHeaders] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(exposed.isSuperset(of: ["ETag", "Location", "Idempotent-Replayed", "Content-Disposition",
                                            "X-Request-Id", "Retry-After", "Content-Language"]))
        }
    }

    @Test func anErrorAnswerExposesTheSameHeaders() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/avvikelser/AVV-2026-9999", headers: [.origin: Self.intranet])
            #expect(reply.status == .notFound)
            #expect(reply.headers[.accessControlAllowOrigin] == Self.intranet)
            #expect(reply.headers[.accessControlExposeHeaders] == CORSMiddleware.exposeHeaders)
        }
    }

    @Test func aPreflightMayBeCachedForTenMinutes() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.options, "/api/v1/avvikelser", as: nil, headers: [.origin: Self.intranet])
            #expect(reply.status == .noContent)
            #expect(reply.headers[.accessControlMaxAge] == "600")
        }
    }

    @Test func aPreflightFromAConfiguredOriginIsAnsweredBeforeAuthentication() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.options, "/api/v1/avvikelser", as: nil, headers: [.origin: Self.intranet])
            #expect(reply.status == .noContent)
            #expect(reply.headers[.accessControlAllowOrigin] == Self.intranet)
            #expect(reply.headers[.accessControlAllowHeaders]?.contains("If-Match") == true)
            #expect(varyValues(reply) == ["Origin"])
        }
    }

    @Test func anOtherOriginGetsNoCORSHeaders() async throws {
        let app = try await app()
        try await app.run { client in
            let reply = try await client.send(.get, "/api/v1/kodverk", headers: [.origin: "https://evil.example.com"])
            #expect(reply.status == .ok)
            #expect(reply.headers[.accessControlAllowOrigin] == nil)
            #expect(reply.headers[.vary] == nil)
        }
    }
}
