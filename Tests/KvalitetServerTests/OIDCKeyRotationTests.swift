import Foundation
import KvalitetDomain
import TestSupport
import Testing

@testable import KvalitetServer

/// A key rotation at a real OpenID provider (`oidc-provider-mock` on loopback, keys fetched over
/// HTTP as in production), with the application's clock injected: time moves only when the test
/// moves it, so how long the provider takes to restart on a loaded machine cannot change the outcome.
/// Without the provider installed this fails under CI (saying what to install) and is skipped elsewhere.
@Suite(
    "Following a key rotation at a real OpenID provider", .serialized,
    .enabled(
        if: OIDCProvider.executable != nil || ProcessInfo.processInfo.environment["CI"] != nil,
        "oidc-provider-mock is not installed; \(OIDCProvider.installHint)"))
struct OIDCKeyRotationTests {
    static let eva = #"{"sub": "s-eva", "name": "Eva Lind", "roles": ["Kvalitet.Admin"]}"#

    @Test func aNewKeyIsFetchedOnlyOnceThirtySecondsHavePassedOnTheClockThenTheOldKeyIsRefused() async throws {
        try #require(OIDCProvider.executable != nil, "\(OIDCProvider.installHint)")
        let provider = try OIDCProvider(users: [Self.eva])
        defer { provider.stop() }
        // The provider's tokens carry its real iat and exp, so the injected clock starts at the real now.
        let clock = ManualClock(Date())
        let app = try await TestApp.make { config in
            var settings = OIDCSettings(issuer: URL(string: provider.issuer)!, audience: "kvalitet")
            settings.roleMappings = ["Kvalitet.Admin": OIDCRoleMapping(role: .admin)]
            config.oidc = settings
            config.clock = clock
        }
        // One run of the application: its key set lives as long as the run.
        try await app.run { client in
            func get(with jwt: String) async throws -> TestApp.Reply {
                try await client.send(.get, "/api/v1/verksamheter", as: nil, headers: [.authorization: "Bearer \(jwt)"])
            }
            let first = try provider.signIn("s-eva", clientId: "kvalitet")
            #expect(try await get(with: first).status == .ok)

            // The provider restarts with a new signing key: its token names a kid Kvalitet has not seen.
            provider.stop()
            try provider.start()
            let second = try provider.signIn("s-eva", clientId: "kvalitet")
            clock.advance(29)
            let early = try await get(with: second)
            #expect(early.status == .unauthorized && early.headers[.wwwAuthenticate]?.contains("(kid)") == true)
            clock.advance(1)
            #expect(try await get(with: second).status == .ok)
            #expect(try await get(with: first).status == .unauthorized)
        }
    }
}
