import Crypto
import Foundation
import JWTKit
import Synchronization

@testable import KvalitetServer

/// A provider made in the test: RSA and EC keys, its discovery document and JWKS served by a fake
/// fetcher, and tokens signed with any of its keys (or with keys it never published).
final class OIDCFixture: Sendable {
    static let issuer = "https://login.example.kommun.se/tenant"
    static let audience = "api://kvalitet"

    struct Key: Sendable {
        let kid: String
        let jwk: [String: String]
        let signer: JWTKeyCollection
    }

    let fetcher = FakeFetcher()
    private let published = Mutex<[Key]>([])

    init() {}

    static func rsaKey(kid: String, pss: Bool = false) async throws -> Key {
        let key = try Insecure.RSA.PrivateKey(backing: .init(keySize: .bits2048))
        let (modulus, exponent) = try key.publicKey.getKeyPrimitives()
        let signer = JWTKeyCollection()
        if pss {
            await signer.add(pss: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        } else {
            await signer.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        }
        return Key(
            kid: kid, jwk: ["kty": "RSA", "kid": kid, "use": "sig", "n": modulus.base64URL, "e": exponent.base64URL],
            signer: signer)
    }

    static func ecKey(kid: String) async throws -> Key {
        let key = ES256PrivateKey()
        let parameters = key.publicKey.parameters!
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        return Key(
            kid: kid, jwk: ["kty": "EC", "kid": kid, "crv": "P-256", "x": parameters.x, "y": parameters.y],
            signer: signer)
    }

    /// Publishes exactly these keys (a rotation replaces the old ones).
    func publish(_ keys: [Key]) {
        published.withLock { $0 = keys }
        let jwks = try! JSONSerialization.data(withJSONObject: ["keys": keys.map(\.jwk)])
        let discovery = try! JSONSerialization.data(withJSONObject: [
            "issuer": Self.issuer, "jwks_uri": Self.issuer + "/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
        ])
        fetcher.serve([Self.issuer + "/.well-known/openid-configuration": discovery, Self.issuer + "/keys": jwks])
    }

    /// Claims of a valid token for `now`: issuer, audience, an hour of validity, a person and roles.
    static func claims(
        now: Date, roles: [String] = ["Kvalitet.Admin"], subject: String = "s-anna"
    ) -> [String: OIDCClaims.Value] {
        [
            "iss": .string(issuer), "aud": .string(audience), "sub": .string(subject), "azp": .string("kvalitet-webb"),
            "exp": .number(now.timeIntervalSince1970 + 3600), "nbf": .number(now.timeIntervalSince1970 - 10),
            "iat": .number(now.timeIntervalSince1970 - 10), "name": .string("Anna Berg"),
            "title": .string("Socialsekreterare"),
            "roles": .strings(roles),
        ]
    }

    static func sign(_ claims: [String: OIDCClaims.Value], with key: Key, alg: String? = nil) async throws -> String {
        var header = JWTHeader()
        header.kid = key.kid
        if let alg { header.alg = alg }
        return try await key.signer.sign(
            OIDCClaims(values: claims), kid: JWKIdentifier(string: key.kid), header: header)
    }

    /// A token with any header, signed with HMAC-SHA256 under `secret` (for algorithm-confusion attacks).
    static func hmacToken(header: [String: String], claims: [String: OIDCClaims.Value], secret: [UInt8]) -> String {
        let head = try! JSONSerialization.data(withJSONObject: header).base64URL
        let body = try! JSONEncoder().encode(OIDCClaims(values: claims)).base64URL
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data((head + "." + body).utf8), using: SymmetricKey(data: secret))
        return head + "." + body + "." + Data(mac).base64URL
    }

    /// An unsigned token (`alg: none`).
    static func unsignedToken(kid: String, claims: [String: OIDCClaims.Value]) -> String {
        let head = try! JSONSerialization.data(withJSONObject: ["alg": "none", "kid": kid]).base64URL
        let body = try! JSONEncoder().encode(OIDCClaims(values: claims)).base64URL
        return head + "." + body + "."
    }
}

/// Serves fixed documents by URL and counts the fetches; `failing` makes the provider unreachable.
final class FakeFetcher: HTTPFetcher {
    private let state = Mutex<(documents: [String: Data], fetches: Int, failing: Bool)>(([:], 0, false))

    func serve(_ documents: [String: Data]) { state.withLock { $0.documents = documents } }
    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }
    var fetches: Int { state.withLock { $0.fetches } }

    func get(_ url: URL) async throws -> Data {
        try state.withLock { state in
            state.fetches += 1
            guard !state.failing, let data = state.documents[url.absoluteString] else {
                throw HTTPFetchError(url: url.absoluteString, reason: "connection refused")
            }
            return data
        }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
