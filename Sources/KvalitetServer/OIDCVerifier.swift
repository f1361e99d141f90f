import Foundation
import JWTKit
import KvalitetDomain

/// Verifies a bearer JWT from the OpenID provider and turns it into the actor it stands for:
/// algorithm (RS256, PS256, ES256 only), signature by a provider key named by `kid`, then `iss`, `aud`,
/// `exp` and `nbf` with `OIDCSettings.leeway`, then the role mapping. Each failure says which check failed.
struct OIDCVerifier: Sendable {
    let settings: OIDCSettings
    let keys: OIDCKeySet
    let clock: any KvalitetClock

    /// A JWT is three base64url parts; API tokens (`kv_…`) never contain a dot.
    static func looksLikeJWT(_ token: String) -> Bool {
        token.utf8.count > 20 && token.utf8.filter { $0 == UInt8(ascii: ".") }.count == 2
    }

    /// The signed-in person's actor; throws `AuthFailure` (401 invalid token, 403 no role, 503 no keys).
    func authenticate(_ token: String) async throws(AuthFailure) -> Actor {
        let cacheKey = OIDCTokenCache.key(token)
        if let actor = keys.verified.actor(for: cacheKey, now: clock.now()) { return actor }
        let parser = DefaultJWTParser()
        let header: JWTHeader
        do { header = try parser.parse(Array(token.utf8), as: OIDCClaims.self).header } catch {
            throw .invalidToken("the token is not a well-formed JWT")
        }
        guard let algorithm = header.alg, OIDCSettings.algorithms.contains(algorithm) else {
            throw .invalidToken(
                "the algorithm \(header.alg ?? "(none)") is not accepted; tokens must be signed "
                    + OIDCSettings.algorithms.joined(separator: ", "))
        }
        guard let kid = header.kid, !kid.isEmpty else { throw .invalidToken("the token names no signing key (kid)") }
        let collection: JWTKeyCollection
        switch await keys.key(kid: kid, algorithm: algorithm) {
        case .key(let found): collection = found
        case .unavailable: throw .providerUnavailable
        case .unknownKid:
            throw .invalidToken("the signing key \(kid.prefix(80)) is not among the provider's keys (kid)")
        case .wrongAlgorithm: throw .invalidToken("the signing key \(kid.prefix(80)) is not an \(algorithm) key (alg)")
        }
        let claims: OIDCClaims
        do { claims = try await collection.verify(token, as: OIDCClaims.self) } catch {
            throw .invalidToken("the signature does not verify")
        }
        try check(claims)
        let actor = try actor(for: claims)
        if let expiry = claims.date("exp") {
            keys.verified.store(
                actor, for: cacheKey, validUntil: expiry.addingTimeInterval(OIDCSettings.leeway),
                now: clock.now())
        }
        return actor
    }

    /// `iss`, `aud`, `exp` and `nbf` against the settings and the injected clock.
    func check(_ claims: OIDCClaims) throws(AuthFailure) {
        let issuer = settings.issuer.absoluteString
        guard let iss = claims.string("iss"), iss == issuer || iss + "/" == issuer || iss == issuer + "/" else {
            throw .invalidToken("the issuer (iss) is not \(issuer)")
        }
        guard claims.strings("aud").contains(settings.audience) else {
            throw .invalidToken("the audience (aud) does not include \(settings.audience)")
        }
        let now = clock.now()
        guard let expiry = claims.date("exp") else { throw .invalidToken("the token has no expiry (exp)") }
        guard now < expiry.addingTimeInterval(OIDCSettings.leeway) else {
            throw .invalidToken("the token expired at \(Timestamp.format(expiry)) (exp)")
        }
        if let notBefore = claims.date("nbf"), now < notBefore.addingTimeInterval(-OIDCSettings.leeway) {
            throw .invalidToken("the token is not valid before \(Timestamp.format(notBefore)) (nbf)")
        }
    }

    /// The person, role and units the claims name; 403 when no role claim value is mapped.
    func actor(for claims: OIDCClaims) throws(AuthFailure) -> Actor {
        guard let subject = claims.string("sub"), !subject.isEmpty, subject.utf8.count <= 255 else {
            throw .invalidToken("the token names no subject (sub)")
        }
        guard let grant = settings.grant(for: claims.strings(settings.roleClaim)) else {
            throw .noRole(
                "your sign-in carries no value in the \(settings.roleClaim) claim that Kvalitet maps to a role; "
                    + "ask your administrator for access")
        }
        let name = claims.string(settings.nameClaim).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) } ?? subject
        let person = Person(
            subject: subject, displayName: name,
            title: claims.string(settings.titleClaim).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) },
            hsaId: settings.hsaIdClaim.flatMap { claims.string($0) })
        let client = claims.string("azp") ?? claims.string("client_id") ?? settings.audience
        return Actor(person: person, role: grant.role, unitScope: grant.unitIds, client: String(client.prefix(255)))
    }
}
