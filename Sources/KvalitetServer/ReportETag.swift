import Foundation
import Hummingbird
import KvalitetDomain

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
        // Two FNV-1a hashes (different offsets) give 96 bits: a validator, not a secret, and cheap
        // enough for a 304 to cost less than the request it answers.
        var first: UInt64 = 0xcbf2_9ce4_8422_2325, second: UInt64 = 0x6c62_272e_07bb_0142
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return "W/\"" + Self.hex(first, width: 16) + Self.hex(second >> 32, width: 8) + "\""
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - text.count)) + text
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
