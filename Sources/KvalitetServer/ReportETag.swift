import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage

/// The kvalitetsberättelse's validator: a weak ETag over everything the figures depend on — the
/// data generation, the request, the format, the caller's unit scope, today's date (the current
/// year's figures run to today) and this server process (a restored backup may reuse generations).
struct ReportETag: Sendable {
    /// Different on every start of the service.
    let instance: UInt64

    init(instance: UInt64 = UInt64.random(in: 1...UInt64.max)) { self.instance = instance }

    func value(generation: Int64, request: ReportRequest, format: String, actor: Actor, today: LocalDate) -> String {
        let parts: [String] = [
            String(instance), String(generation), today.description, String(request.year), request.unitId ?? "",
            request.analysisFrom.description, request.analysisTo.description, format,
            actor.unitScope.map { $0.sorted().joined(separator: ",") } ?? "*",
        ]
        let digest = SHA256.hash(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(12)
        return "W/\"" + digest.map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether an `If-None-Match` header names `tag` (weak comparison, as RFC 9110 requires for it), or is `*`.
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        let opaque = { (text: Substring) -> Substring in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return Substring(trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        let wanted = opaque(Substring(tag))
        return header.split(separator: ",").contains { candidate in
            let tag = opaque(candidate)
            return tag == "*" || tag == wanted
        }
    }

    /// How clients may cache the report: privately (it depends on the token), revalidating each time.
    static let cacheHeaders: HTTPFields = [.cacheControl: "private, no-cache", .vary: "Authorization, Accept"]
}
