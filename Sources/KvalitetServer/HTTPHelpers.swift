import Foundation
import Hummingbird
import KvalitetDomain

/// Versions as entity tags: `"3"` is version 3 of whatever the URL names.
enum ETag {
    static func value(_ version: Int) -> String { "\"\(version)\"" }

    /// The version `If-Match` requires; 428 without the header, 412 when it names no version we could have.
    static func requiredVersion(_ request: Request, current: () -> Int? = { nil }) throws -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw HTTPProblem(status: .preconditionRequired, type: "if-match-required", title: "Precondition required",
                              detail: "send If-Match with the ETag of the version you are changing")
        }
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag.count >= 3, tag.hasPrefix("\""), tag.hasSuffix("\""), let version = Int(tag.dropFirst().dropLast()), version >= 1 {
                return version
            }
        }
        throw HTTPProblem(status: .preconditionFailed, type: "stale-version", title: "Precondition failed",
                          detail: "If-Match must be an ETag of this resource, such as \"1\"")
    }
}

/// Reading request bodies: content type (415), size (413), JSON syntax (400).
enum BodyReader {
    static let jsonTypes = ["application/json"]
    static let patchTypes = ["application/merge-patch+json", "application/json"]

    static func json(_ request: Request, context: KvalitetContext, accepting types: [String] = jsonTypes) async throws -> (JSONValue, [UInt8]) {
        let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard types.contains(mediaType) else {
            throw HTTPProblem(status: .unsupportedMediaType, type: "unsupported-media-type", title: "Unsupported media type",
                              detail: "send the body as \(types.joined(separator: " or ")); got \(mediaType.isEmpty ? "no Content-Type" : mediaType)")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let bytes = Array(buffer.readableBytesView)
        return (try JSONParser.parse(bytes), bytes)
    }

    /// The body as a JSON object, or nil when there is no body at all (DELETE may carry one or not).
    static func optionalObject(_ request: Request, context: KvalitetContext) async throws -> JSONObject? {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        return try await object(Request(head: request.head, body: .init(buffer: buffer)), context: context).0
    }

    /// The body as a JSON object (a body that is valid JSON but not an object is 422).
    static func object(_ request: Request, context: KvalitetContext, accepting types: [String] = jsonTypes) async throws -> (JSONObject, [UInt8]) {
        let (value, bytes) = try await json(request, context: context, accepting: types)
        guard case .object(let object) = value else {
            throw DomainError.invalid([FieldProblem("", "the body must be a JSON object, not \(value.typeName)")])
        }
        return (object, bytes)
    }
}

/// Responses in the service's formats.
enum Reply {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(value))))
    }

    static func list(_ items: [JSONValue], nextCursor: String?) -> Response {
        json(.object(JSONObject([("items", .array(items)), ("nextCursor", .optional(nextCursor))])))
    }

    /// The same list from items already serialised (`JSONWriter.bytes` of each item).
    static func list(serialised items: [[UInt8]], nextCursor: String?) -> Response {
        var out: [UInt8] = Array(#"{"items":["#.utf8)
        out.reserveCapacity(items.reduce(64) { $0 + $1.count + 1 })
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(contentsOf: Array(#"],"nextCursor":"#.utf8))
        out.append(contentsOf: JSONWriter.bytes(.optional(nextCursor)))
        out.append(UInt8(ascii: "}"))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: out)))
    }
}

/// Typed reading of query parameters, refusing unknown ones (a typo must not silently widen a list).
struct QueryReader {
    let parameters: [String: String]
    private(set) var errors: [(parameter: String, detail: String)] = []

    init(_ request: Request, allowed: Set<String>) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if !allowed.contains(name) {
                errors.append((name, "unknown parameter; known: \(allowed.sorted().joined(separator: ", "))"))
            } else if parameters[name] != nil {
                errors.append((name, "given more than once"))
            } else {
                parameters[name] = TextRules.normalised(String(value))
            }
        }
        self.parameters = parameters
    }

    func string(_ name: String) -> String? { parameters[name] }

    mutating func text(_ name: String, max: Int = 200) -> String? {
        guard let value = parameters[name] else { return nil }
        if let detail = TextRules.check(value, min: 1, max: max) { errors.append((name, detail)); return nil }
        return value
    }

    mutating func int(_ name: String, range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let text = parameters[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            errors.append((name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return fallback
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool {
        guard let text = parameters[name] else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: errors.append((name, "must be true or false")); return false
        }
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = parameters[name] else { return nil }
        guard let date = LocalDate(text), date.year >= 1000 else {
            errors.append((name, "must be a date YYYY-MM-DD from the year 1000 on"))
            return nil
        }
        return date
    }

    mutating func code<C: Code>(_ name: String, as type: C.Type) -> C? {
        guard let text = parameters[name] else { return nil }
        guard let code = C(rawValue: text) else { errors.append((name, C.mustBeOneOf)); return nil }
        return code
    }

    mutating func fail(_ name: String, _ detail: String) { errors.append((name, detail)) }

    func throwIfAny() throws {
        if !errors.isEmpty { throw HTTPProblem.badQuery(errors) }
    }
}

/// Opaque list cursors: base64url of the last item's key, so clients cannot depend on their form.
enum Cursor {
    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        guard cursor.count <= 200 else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// Why something is voided: `?reason=` or a `{"reason": …}` body (which wins), validated by the domain.
enum VoidReason {
    static func resolve(_ queryReason: String?, _ request: Request, context: KvalitetContext) async throws -> String {
        var reason = queryReason
        if let body = try await BodyReader.optionalObject(request, context: context) {
            var decoder = WireDecoder()
            decoder.checkKeys(body, allowed: ["reason"])
            if let fromBody = decoder.string(body["reason"], at: "/reason") { reason = fromBody }
            if !decoder.problems.isEmpty { throw DomainError.invalid(decoder.problems) }
        }
        let problems = Voiding.validate(reason: reason)
        guard problems.isEmpty, let reason else { throw DomainError.invalid(problems) }
        return reason
    }
}
