import Foundation
import Hummingbird
import KvalitetDomain
import Synchronization

/// Why a request's credentials were refused, as the client is told (RFC 6750) and the audit log records it.
enum AuthFailure: Error, Equatable {
    /// No or a malformed Authorization header.
    case missing(String)
    /// An API token that no one issued.
    case unknownToken
    /// An API token that was revoked (told to the client as "unknown or revoked", like an unknown one).
    case revokedToken
    /// An API token past its expiry.
    case expiredToken(name: String, at: Date)
    /// A JWT failing a check; the text names the check.
    case invalidToken(String)
    /// A valid JWT whose claims map to no role (403).
    case noRole(String)
    /// No keys from the OpenID provider yet (503).
    case providerUnavailable

    var reason: String {
        switch self {
        case .missing(let why): why
        case .unknownToken, .revokedToken: "the token is unknown or revoked"
        case .expiredToken(let name, let at): "the token \(name) expired at \(Timestamp.format(at))"
        case .invalidToken(let why): why
        case .noRole(let why): why
        case .providerUnavailable:
            "the identity provider's keys could not be fetched; sign-in with it is unavailable for now"
        }
    }

    /// A credential was presented and refused (audited, counted towards the limit).
    var isAttempt: Bool {
        switch self {
        case .missing, .providerUnavailable: false
        default: true
        }
    }

    /// The reason label of `kvalitet_authentication_failures_total`.
    var metricsReason: AppMetrics.AuthenticationFailure {
        switch self {
        case .missing: .missing
        case .unknownToken: .unknown
        case .revokedToken: .revoked
        case .expiredToken: .expired
        case .invalidToken: .invalidJWT
        case .noRole: .noRole
        case .providerUnavailable: .providerUnavailable
        }
    }

    /// The token's name when the secret matched one (never any token material).
    var tokenName: String? {
        if case .expiredToken(let name, _) = self { return name }
        return nil
    }

    var problem: HTTPProblem {
        switch self {
        case .noRole(let why):
            return HTTPProblem(status: .forbidden, type: "forbidden", title: "Forbidden", detail: why)
        case .providerUnavailable:
            return HTTPProblem(
                status: .serviceUnavailable, type: "idp-unavailable", title: "Identity provider unavailable",
                detail: reason, headers: [.retryAfter: String(Int(OIDCSettings.refetchInterval))])
        case .missing:
            return HTTPProblem(
                status: .unauthorized, type: "unauthorized", title: "Unauthorized", detail: reason,
                headers: [.wwwAuthenticate: "Bearer realm=\"kvalitet\""])
        default:
            let description = reason.replacingOccurrences(of: "\"", with: "'")
            return HTTPProblem(
                status: .unauthorized, type: "unauthorized", title: "Unauthorized", detail: reason,
                headers: [
                    .wwwAuthenticate: "Bearer realm=\"kvalitet\", error=\"invalid_token\", "
                        + "error_description=\"\(description)\""
                ])
        }
    }
}

/// Failed authentications per client address in a sliding minute: after `limit` of them, every further
/// request from the address answers 429 until the oldest is a minute old.
final class AuthFailureLimiter: Sendable {
    let limit: Int
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int) { self.limit = limit }

    /// Seconds until the address may try again, or nil when it is not held back.
    func retryAfter(_ address: String, now: Date) -> Int? {
        failures.withLock { table in
            let recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < 60 && $0 <= now }
            table[address] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int((60 - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    func record(_ address: String, now: Date) {
        failures.withLock { table in
            var recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < 60 && $0 <= now }
            recent.append(now)
            // Only whether `limit` fell in the minute matters, and when the oldest of them leaves it.
            if recent.count > limit { recent.removeFirst(recent.count - limit) }
            table[address] = recent
            if table.count > 10_000 {
                table = table.filter { !($0.value.last.map { now.timeIntervalSince($0) >= 60 } ?? true) }
            }
        }
    }
}
