import Foundation
import GRDB
import JWTKit
import KvalitetDomain
import KvalitetStorage
import Synchronization

@testable import KvalitetServer

/// The in-process application with sign-in through a provider made in the test, and a caller for
/// each kind of credential the access rules distinguish.
extension TestApp {
    /// Signed-in people (one per role, and a kvalitet person limited to `ifo`) and refused credentials.
    static let signInCallers = [
        "person-admin", "person-kvalitet", "person-rapportor", "person-lasare", "person-ifo",
        "jwt-expired", "jwt-wrong-audience", "token-expired", "receipt-as-token",
    ]

    /// `TestApp.make` plus sign-in: the provider publishes one ES256 key and the callers above are added.
    static func makeWithSignIn(
        fixture: OIDCFixture = OIDCFixture(),
        configure: (inout AppConfig) -> Void = { _ in }
    ) async throws -> TestApp {
        let key = try await OIDCFixture.sharedECKey()
        fixture.publish([key])
        var app = try await make { config in
            var settings = testOIDCSettings()
            settings.roleMappings["Kvalitet.Kvalitet"] = OIDCRoleMapping(role: .kvalitet)
            config.oidc = settings
            config.httpFetcher = fixture.fetcher
            configure(&config)
        }
        let now = app.config.clock.now()
        let people: [(String, [String])] = [
            ("admin", ["Kvalitet.Admin"]), ("kvalitet", ["Kvalitet.Kvalitet"]),
            ("rapportor", ["Kvalitet.Rapportor"]), ("lasare", ["Kvalitet.Lasare"]),
            ("ifo", ["Kvalitet.IFO"]),
        ]
        for (name, roles) in people {
            app.tokens["person-\(name)"] = try await OIDCFixture.sign(
                OIDCFixture.claims(now: now, roles: roles, subject: "s-\(name)"), with: key)
        }
        var expired = OIDCFixture.claims(now: now)
        expired["exp"] = .number(now.timeIntervalSince1970 - 120)
        app.tokens["jwt-expired"] = try await OIDCFixture.sign(expired, with: key)
        var elsewhere = OIDCFixture.claims(now: now)
        elsewhere["aud"] = .string("api://ekonomi")
        app.tokens["jwt-wrong-audience"] = try await OIDCFixture.sign(elsewhere, with: key)
        let setup = Actor(tokenName: "setup", role: .admin, unitScope: nil)
        app.tokens["token-expired"] = try await app.services.tokens.create(
            name: "expired", role: .admin, unitIds: [],
            expiresAt: now.addingTimeInterval(60), by: setup)
        try await app.services.database.pool.write { db in
            try db.execute(
                sql: "UPDATE tokens SET expires_at = ? WHERE name = 'expired'", arguments: [Timestamp.format(now)])
        }
        app.tokens["receipt-as-token"] = "kvitto_" + String(repeating: "A", count: 43)
        return app
    }
}

extension OIDCFixture {
    private static let shared = Mutex<Key?>(nil)

    /// One ES256 key for every test that only needs a working provider (EC keys are quick to make, but
    /// the matrix makes hundreds of apps).
    static func sharedECKey() async throws -> Key {
        if let key = shared.withLock({ $0 }) { return key }
        let key = try await ecKey(kid: "shared-ec")
        return shared.withLock { stored in
            if let stored { return stored }
            stored = key
            return key
        }
    }
}
