import Hummingbird
import NIOCore

/// What happens to a request before the router sees it, so that requests as real clients send them
/// find their route: the path's percent-encoding normalised (RFC 3986 §6.2.2.2), and `HEAD` served
/// as the `GET` of the same path without its body (RFC 9110 §9.3.2).
struct ClientRequestResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == KvalitetContext {
    typealias Context = KvalitetContext
    let base: Base
    let table: RouteTable

    func respond(to request: Request, context: Context) async throws -> Response {
        var head = request.head
        if let path = head.path {
            switch RequestPath.normalised(path) {
            case .success(let normalised): head.path = normalised
            case .failure(let problem):
                return ProblemMapping.response(for: problem, request: request, context: context)
            }
        }
        let isHead = head.method == .head && table.methods(servingPath: String(RequestPath.pathOnly(head.path ?? "")))
            .contains(.get)
        if isHead { head.method = .get }
        let rewritten = head == request.head ? request : Request(head: head, body: request.body)
        let response = try await base.respond(to: rewritten, context: context)
        guard isHead else { return response }
        // The GET's status and headers, its length included when known, and no body. A streamed GET
        // (CSV) has no length: the empty body must not have one either, or the HEAD says 0 bytes.
        var headers = response.headers
        guard let length = response.body.contentLength else {
            return Response(status: response.status, headers: headers, body: ResponseBody { try await $0.finish(nil) })
        }
        headers[.contentLength] = String(length)
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }
}

/// Percent-encoding in request paths: octets that stand for characters allowed as they are in a
/// path segment are decoded (`AVV%2D2026%2D0001` is `AVV-2026-0001`); others stay encoded, hex in
/// upper case. An encoded `/` names no resource here (ids never hold one) and is refused.
enum RequestPath {
    /// Characters a path segment may carry unencoded (RFC 3986 `pchar` less `%`).
    private static let plain: Set<UInt8> = Set(Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8))

    /// The path of a request target without its query.
    static func pathOnly(_ target: String) -> Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// `target` (path and query) with its path normalised; a 400 problem for `%2F` or a `%` not
    /// followed by two hex digits.
    static func normalised(_ target: String) -> Result<String, HTTPProblem> {
        let path = pathOnly(target)
        guard path.utf8.contains(UInt8(ascii: "%")) else { return .success(target) }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        var bytes = path.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else { out.append(byte); continue }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                return .failure(problem("the path holds a % that is not followed by two hex digits"))
            }
            let decoded = high << 4 | low
            if decoded == UInt8(ascii: "/") {
                return .failure(problem(
                    "a path segment holds an encoded / (%2F); no id contains /, so this names nothing"))
            }
            if plain.contains(decoded) {
                out.append(decoded)
            } else {
                out += Array("%\(String(decoded, radix: 16, uppercase: true).leftPadded)".utf8)
            }
        }
        return .success(String(decoding: out, as: UTF8.self) + target.dropFirst(path.utf8.count))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func problem(_ detail: String) -> HTTPProblem {
        HTTPProblem(status: .badRequest, type: "invalid-path", title: "Invalid path", detail: detail)
    }
}

private extension String {
    /// A one-digit hex string padded to two.
    var leftPadded: String { count == 1 ? "0" + self : self }
}
