import Foundation
import TestSupport
import Testing

/// The real binary against a real OpenID provider on loopback (`oidc-provider-mock`). Without the
/// provider installed these fail under CI (saying what to install) and are skipped elsewhere.
@Suite(
    "Signing in through a real OpenID provider", .serialized,
    .enabled(
        if: OIDCProvider.executable != nil || ProcessInfo.processInfo.environment["CI"] != nil,
        "oidc-provider-mock is not installed; \(OIDCProvider.installHint)"))
struct SignInEndToEndTests {
    static let eva =
        #"{"sub": "s-eva", "name": "Eva Lind", "title": "Kvalitetsutvecklare", "roles": ["Kvalitet.Admin"]}"#

    func serve(_ kvalitet: Kvalitet, issuer: String) throws -> Server {
        try kvalitet.serve(environment: [
            "KVALITET_OIDC_ISSUER": issuer, "KVALITET_OIDC_AUDIENCE": "kvalitet",
            "KVALITET_OIDC_ROLES": "Kvalitet.Admin=admin;Kvalitet.IFO=kvalitet:ifo",
        ])
    }

    /// Following the provider's key rotation is proven in process, on an injected clock
    /// (`OIDCKeyRotationTests`): with the binary's real clock, a loaded machine could let its 30-second
    /// re-fetch window pass before the early request and the test would say nothing true.
    @Test func aTokenFromTheProvidersOwnFlowIsAcceptedAndTheAuditNamesThePerson() async throws {
        try #require(OIDCProvider.executable != nil, "\(OIDCProvider.installHint)")
        let provider = try OIDCProvider(users: [Self.eva])
        defer { provider.stop() }
        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        let admin = try kvalitet.createToken(name: "loggkontroll", role: "admin")
        let server = try serve(kvalitet, issuer: provider.issuer)
        defer { _ = server.stop() }

        let token = try provider.signIn("s-eva", clientId: "kvalitet")
        let unit = #"{"name":"IFO","level":"forvaltning","area":"Barn och unga"}"#
        let put = try await server.send("PUT", "/api/v1/verksamheter/ifo", token: token, json: unit)
        #expect(put.status == 201, "\(String(decoding: put.body, as: UTF8.self))")
        let audit = try await server.send("GET", "/api/v1/audit?person=s-eva", token: admin)
        let entry = (audit.json["items"] as? [[String: Any]])?.first ?? [:]
        #expect(entry["action"] as? String == "unit_put" && entry["client"] as? String == "kvalitet")
        #expect((entry["person"] as? [String: Any])?["displayName"] as? String == "Eva Lind")
    }

    @Test func withTheProviderUnreachableTheServerStartsApiTokensWorkAndJWTsAnswer503() async throws {
        try #require(OIDCProvider.executable != nil, "\(OIDCProvider.installHint)")
        let provider = try OIDCProvider(users: [Self.eva])
        let token = try provider.signIn("s-eva", clientId: "kvalitet")
        provider.stop()
        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        let admin = try kvalitet.createToken(name: "admin", role: "admin")
        let server = try serve(kvalitet, issuer: provider.issuer)
        defer { _ = server.stop() }
        #expect(try await server.send("GET", "/api/v1/verksamheter", token: admin).status == 200)
        let refused = try await server.send("GET", "/api/v1/verksamheter", token: token)
        #expect(refused.status == 503 && String(decoding: refused.body, as: UTF8.self).contains("idp-unavailable"))
    }
}
