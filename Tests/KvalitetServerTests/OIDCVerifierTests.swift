import Foundation
import JWTKit
import KvalitetDomain
import Logging
import Synchronization
import Testing

@testable import KvalitetServer

/// A clock the test moves by hand.
final class ManualClock: KvalitetClock {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    func now() -> Date { instant.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The role mappings every OIDC test uses: Entra ID app roles to Kvalitet roles and units.
func testOIDCSettings() -> OIDCSettings {
    var settings = OIDCSettings(issuer: URL(string: OIDCFixture.issuer)!, audience: OIDCFixture.audience)
    settings.roleMappings = [
        "Kvalitet.Admin": OIDCRoleMapping(role: .admin), "Kvalitet.Lasare": OIDCRoleMapping(role: .lasare),
        "Kvalitet.IFO": OIDCRoleMapping(role: .kvalitet, unitIds: ["ifo"]),
        "Kvalitet.Vuxen": OIDCRoleMapping(role: .kvalitet, unitIds: ["vuxen"]),
        "Kvalitet.Rapportor": OIDCRoleMapping(role: .rapportor),
    ]
    return settings
}

@Suite("Verifying the provider's JWTs")
struct OIDCVerifierTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_768_478_400))
    let fixture = OIDCFixture()

    func verifier() -> OIDCVerifier {
        let settings = testOIDCSettings()
        return OIDCVerifier(
            settings: settings,
            keys: OIDCKeySet(
                settings: settings, fetcher: fixture.fetcher, clock: clock,
                logger: Logger(label: "test")), clock: clock)
    }

    /// The failure a token meets, or nil when it is accepted.
    func failure(_ token: String, _ verifier: OIDCVerifier) async -> AuthFailure? {
        do {
            _ = try await verifier.authenticate(token)
            return nil
        } catch { return error }
    }

    @Test func aValidRS256TokenNamesThePersonTheClientTheRoleAndTheUnits() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        var claims = OIDCFixture.claims(now: clock.now(), roles: ["Kvalitet.IFO"])
        claims["hsaid"] = .string("SE2321000016-1234")
        var settings = testOIDCSettings()
        settings.hsaIdClaim = "hsaid"
        let verifier = OIDCVerifier(
            settings: settings,
            keys: OIDCKeySet(
                settings: settings, fetcher: fixture.fetcher,
                clock: clock, logger: Logger(label: "test")), clock: clock)
        let actor = try await verifier.authenticate(try await OIDCFixture.sign(claims, with: key))
        #expect(
            actor.person
                == Person(
                    subject: "s-anna", displayName: "Anna Berg", title: "Socialsekreterare", hsaId: "SE2321000016-1234"
                ))
        #expect(actor.role == .kvalitet && actor.unitScope == ["ifo"] && actor.client == "kvalitet-webb")
        #expect(actor.tokenName == "sub:s-anna")
    }

    @Test func PS256AndES256TokensAreAcceptedToo() async throws {
        let pss = try await OIDCFixture.rsaKey(kid: "pss-1", pss: true)
        let ec = try await OIDCFixture.ecKey(kid: "ec-1")
        fixture.publish([pss, ec])
        let verifier = verifier()
        let claims = OIDCFixture.claims(now: clock.now())
        #expect(try await verifier.authenticate(try await OIDCFixture.sign(claims, with: pss)).role == .admin)
        #expect(try await verifier.authenticate(try await OIDCFixture.sign(claims, with: ec)).role == .admin)
    }

    @Test func eachClaimFailureIsRefusedNamingTheCheck() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        let verifier = verifier()
        let now = clock.now()
        let cases: [(String, String, OIDCClaims.Value?)] = [
            ("(iss)", "iss", .string("https://evil.example")), ("(aud)", "aud", .strings(["api://other"])),
            ("(exp)", "exp", .number(now.timeIntervalSince1970 - 61)), ("(exp)", "exp", nil),
            ("(nbf)", "nbf", .number(now.timeIntervalSince1970 + 61)), ("(sub)", "sub", nil),
        ]
        for (check, claim, value) in cases {
            var claims = OIDCFixture.claims(now: now)
            claims[claim] = value
            let failure = await failure(try await OIDCFixture.sign(claims, with: key), verifier)
            guard case .invalidToken(let why) = failure else {
                Issue.record("\(claim) accepted: \(String(describing: failure))")
                continue
            }
            #expect(why.contains(check))
        }
    }

    @Test func expiryAndNotBeforeAllowSixtySecondsAtBothEdges() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        let verifier = verifier()
        let now = clock.now().timeIntervalSince1970
        for (claim, value, accepted) in [
            ("exp", now - 59, true), ("exp", now - 60, false),
            ("nbf", now + 60, true), ("nbf", now + 61, false),
        ] {
            var claims = OIDCFixture.claims(now: clock.now())
            claims[claim] = .number(value)
            let failure = await failure(try await OIDCFixture.sign(claims, with: key), verifier)
            #expect((failure == nil) == accepted, "\(claim) at \(value - now) s")
        }
    }

    @Test func aSignatureByAKeyTheProviderNeverPublishedIsRefused() async throws {
        fixture.publish([try await OIDCFixture.rsaKey(kid: "rsa-1")])
        let impostor = try await OIDCFixture.rsaKey(kid: "rsa-1")
        let failure = await failure(
            try await OIDCFixture.sign(OIDCFixture.claims(now: clock.now()), with: impostor), verifier())
        #expect(failure == .invalidToken("the signature does not verify"))
    }

    @Test func anHMACTokenKeyedWithThePublicKeyAndAnUnsignedTokenAreRefusedByAlgorithm() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        let verifier = verifier()
        let claims = OIDCFixture.claims(now: clock.now())
        let publicKeyBytes = Array(try JSONSerialization.data(withJSONObject: key.jwk))
        let confused = OIDCFixture.hmacToken(
            header: ["alg": "HS256", "kid": "rsa-1", "typ": "JWT"], claims: claims,
            secret: publicKeyBytes)
        guard case .invalidToken(let why) = await failure(confused, verifier) else {
            Issue.record("HS256 accepted")
            return
        }
        #expect(why.contains("HS256 is not accepted"))
        guard
            case .invalidToken(let none) = await failure(
                OIDCFixture.unsignedToken(kid: "rsa-1", claims: claims), verifier)
        else {
            Issue.record("alg none accepted")
            return
        }
        #expect(none.contains("none is not accepted"))
    }

    @Test func aTokenClaimingAnotherAlgorithmThanItsKeyIsRefused() async throws {
        let ec = try await OIDCFixture.ecKey(kid: "ec-1")
        fixture.publish([ec])
        let token = try await OIDCFixture.sign(OIDCFixture.claims(now: clock.now()), with: ec)
        // The same signing input and signature, relabelled RS256.
        let parts = token.split(separator: ".")
        let header = try JSONSerialization.data(withJSONObject: ["alg": "RS256", "kid": "ec-1"]).base64URL
        let relabelled = header + "." + parts[1] + "." + parts[2]
        #expect(
            await failure(relabelled, verifier()) == .invalidToken("the signing key ec-1 is not an RS256 key (alg)"))
    }

    @Test func anUnknownKidFetchesTheKeysAgainAtMostOnceEveryThirtySeconds() async throws {
        let old = try await OIDCFixture.rsaKey(kid: "old")
        let new = try await OIDCFixture.rsaKey(kid: "new")
        fixture.publish([old])
        let verifier = verifier()
        let claims = OIDCFixture.claims(now: clock.now())
        _ = try await verifier.authenticate(try await OIDCFixture.sign(claims, with: old))
        let afterStart = fixture.fetcher.fetches
        let stranger = try await OIDCFixture.rsaKey(kid: "stranger")
        #expect(
            await failure(try await OIDCFixture.sign(claims, with: stranger), verifier)
                == .invalidToken("the signing key stranger is not among the provider's keys (kid)"))
        #expect(fixture.fetcher.fetches == afterStart)  // fetched at start, within 30 s: not again
        fixture.publish([old, new])
        #expect(await failure(try await OIDCFixture.sign(claims, with: new), verifier) != nil)
        clock.advance(30)
        #expect(try await verifier.authenticate(try await OIDCFixture.sign(claims, with: new)).role == .admin)
        #expect(fixture.fetcher.fetches == afterStart + 2)  // discovery and JWKS, once
    }

    @Test func afterARotationTheNewKeyWorksAndTheRemovedOneNoLongerDoes() async throws {
        let old = try await OIDCFixture.rsaKey(kid: "2026-01")
        let new = try await OIDCFixture.ecKey(kid: "2026-02")
        fixture.publish([old])
        let verifier = verifier()
        let claims = OIDCFixture.claims(now: clock.now())
        let oldToken = try await OIDCFixture.sign(claims, with: old)
        _ = try await verifier.authenticate(oldToken)
        fixture.publish([new])
        clock.advance(31)
        #expect(try await verifier.authenticate(try await OIDCFixture.sign(claims, with: new)).role == .admin)
        #expect(
            await failure(oldToken, verifier)
                == .invalidToken("the signing key 2026-01 is not among the provider's keys (kid)"))
    }

    @Test func anUnreachableProviderAnswersUnavailableUntilItsKeysAreHad() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        fixture.fetcher.setFailing(true)
        let verifier = verifier()
        let token = try await OIDCFixture.sign(OIDCFixture.claims(now: clock.now()), with: key)
        #expect(await failure(token, verifier) == .providerUnavailable)
        fixture.fetcher.setFailing(false)
        #expect(await failure(token, verifier) == .providerUnavailable)  // not asked again within 30 s
        clock.advance(30)
        #expect(await failure(token, verifier) == nil)
    }

    @Test func aTokenWhoseRolesMapToNothingIsForbidden() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        let token = try await OIDCFixture.sign(
            OIDCFixture.claims(now: clock.now(), roles: ["Ekonomi.Admin"]), with: key)
        guard case .noRole = await failure(token, verifier()) else {
            Issue.record("an unmapped role was accepted")
            return
        }
    }

    @Test func aTokenVerifiedBeforeIsStillRefusedOnceItHasExpired() async throws {
        let key = try await OIDCFixture.rsaKey(kid: "rsa-1")
        fixture.publish([key])
        let verifier = verifier()
        var claims = OIDCFixture.claims(now: clock.now())
        claims["exp"] = .number(clock.now().timeIntervalSince1970 + 10)
        let token = try await OIDCFixture.sign(claims, with: key)
        #expect(await failure(token, verifier) == nil)
        clock.advance(69)
        #expect(await failure(token, verifier) == nil)
        clock.advance(1)
        guard case .invalidToken(let why) = await failure(token, verifier) else { Issue.record("accepted"); return }
        #expect(why.contains("(exp)"))
    }
}
