import Foundation
import JWTKit
import KvalitetDomain
import Logging

/// The OpenID provider's signing keys: discovery and JWKS fetched at start and cached, fetched
/// again when a token names an unknown `kid` (at most once per `OIDCSettings.refetchInterval`), so a
/// key rotation at the provider needs no restart. Keys are kept per accepted algorithm, each with its
/// algorithm fixed, so a token's header can never choose how a key is used.
actor OIDCKeySet {
    /// The outcome of looking a token's key up.
    enum Lookup {
        case key(JWTKeyCollection)
        /// No key with that `kid`, even after fetching the keys again (when allowed).
        case unknownKid
        /// The `kid` exists but is not a key for the token's algorithm.
        case wrongAlgorithm
        /// No keys have been had from the provider yet.
        case unavailable
    }

    let settings: OIDCSettings
    let fetcher: any HTTPFetcher
    let clock: any KvalitetClock
    let logger: Logger
    /// Tokens verified with the keys now held; emptied when they are replaced.
    nonisolated let verified = OIDCTokenCache()
    private var byAlgorithm: [String: JWTKeyCollection] = [:]
    private var kidsByAlgorithm: [String: Set<String>] = [:]
    private var allKids: Set<String> = []
    private var lastFetch: Date?
    private var inFlight: Task<Void, Never>?

    init(settings: OIDCSettings, fetcher: any HTTPFetcher, clock: any KvalitetClock, logger: Logger) {
        self.settings = settings
        self.fetcher = fetcher
        self.clock = clock
        self.logger = logger
    }

    var hasKeys: Bool { !allKids.isEmpty }

    /// The keys for `algorithm` if `kid` is among them, fetching the provider's keys again once if allowed.
    func key(kid: String, algorithm: String) async -> Lookup {
        if let inFlight { await inFlight.value }
        if kidsByAlgorithm[algorithm]?.contains(kid) == true, let keys = byAlgorithm[algorithm] { return .key(keys) }
        if !allKids.contains(kid), mayFetch() {
            await refresh()
            if kidsByAlgorithm[algorithm]?.contains(kid) == true, let keys = byAlgorithm[algorithm] {
                return .key(keys)
            }
        }
        if !hasKeys { return .unavailable }
        return allKids.contains(kid) ? .wrongAlgorithm : .unknownKid
    }

    private func mayFetch() -> Bool {
        guard let lastFetch else { return true }
        let since = clock.now().timeIntervalSince(lastFetch)
        return since >= OIDCSettings.refetchInterval || since < 0
    }

    /// Fetches discovery and JWKS now (one fetch at a time); on failure the keys had so far are kept.
    func refresh() async {
        if let inFlight { return await inFlight.value }
        lastFetch = clock.now()
        let task = Task { await self.fetchAndInstall() }
        inFlight = task
        await task.value
        inFlight = nil
    }

    private func fetchAndInstall() async {
        do {
            let (collections, kids) = try await fetchKeys()
            byAlgorithm = collections
            kidsByAlgorithm = kids
            allKids = kids.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            verified.removeAll()
            logger.info("OIDC keys fetched", metadata: ["issuer": "\(settings.issuer)", "keys": "\(allKids.count)"])
            AppMetrics.identityProviderKeysRefreshed(succeeded: true)
        } catch {
            AppMetrics.identityProviderKeysRefreshed(succeeded: false)
            logger.warning(
                "OIDC provider unreachable or answering badly; bearer JWTs answer 503 until keys are had",
                metadata: ["issuer": "\(settings.issuer)", "error": "\(error)"])
        }
    }

    private func fetchKeys() async throws -> ([String: JWTKeyCollection], [String: Set<String>]) {
        let issuerText = settings.issuer.absoluteString
        let base = issuerText.hasSuffix("/") ? String(issuerText.dropLast()) : issuerText
        guard let discoveryURL = URL(string: base + "/.well-known/openid-configuration") else {
            throw HTTPFetchError(url: base, reason: "not a URL")
        }
        let discovery = try JSONDecoder().decode(Discovery.self, from: try await fetcher.get(discoveryURL))
        guard discovery.issuer == issuerText || discovery.issuer == base else {
            throw HTTPFetchError(
                url: discoveryURL.absoluteString,
                reason: "discovery names issuer \(discovery.issuer), not \(issuerText)")
        }
        guard let jwksURL = URL(string: discovery.jwksURI) else {
            throw HTTPFetchError(url: discoveryURL.absoluteString, reason: "jwks_uri is not a URL")
        }
        let jwks = try JSONDecoder().decode(JWKS.self, from: try await fetcher.get(jwksURL))
        var collections: [String: JWTKeyCollection] = [:]
        var kids: [String: Set<String>] = [:]
        for algorithm in OIDCSettings.algorithms {
            let collection = JWTKeyCollection()
            for var jwk in jwks.keys where Self.fits(jwk, algorithm) {
                guard let kid = jwk.keyIdentifier?.string else { continue }
                jwk.algorithm = JWK.Algorithm(rawValue: algorithm)
                do { try await collection.add(jwk: jwk) } catch { continue }
                kids[algorithm, default: []].insert(kid)
            }
            collections[algorithm] = collection
        }
        return (collections, kids)
    }

    /// A key fits an algorithm by its type (RSA for RS256 and PS256, EC P-256 for ES256) and its own
    /// `alg`, when it names one.
    static func fits(_ jwk: JWK, _ algorithm: String) -> Bool {
        if let own = jwk.algorithm, own.rawValue != algorithm { return false }
        switch algorithm {
        case "RS256", "PS256": return jwk.keyType == .rsa
        case "ES256": return jwk.keyType == .ecdsa && jwk.curve == .ecdsa(.p256)
        default: return false
        }
    }

    /// The members of the discovery document used here.
    private struct Discovery: Decodable {
        let issuer: String
        let jwksURI: String
        enum CodingKeys: String, CodingKey {
            case issuer
            case jwksURI = "jwks_uri"
        }
    }
}
