import Foundation
import Hummingbird
import KvalitetDomain

/// Reading request bodies: content type (415), size (413), JSON syntax (400).
enum BodyReader {
    static let jsonTypes = ["application/json"]
    static let patchTypes = ["application/merge-patch+json", "application/json"]

    static func json(_ request: Request, context: KvalitetContext,
                     accepting types: [String] = jsonTypes) async throws -> (JSONValue, [UInt8]) {
        let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard types.contains(mediaType) else {
            let got = mediaType.isEmpty ? "no Content-Type" : mediaType
            throw HTTPProblem(status: .unsupportedMediaType, type: "unsupported-media-type",
                              title: "Unsupported media type",
                              detail: "send the body as \(types.joined(separator: " or ")); got \(got)")
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
    static func object(_ request: Request, context: KvalitetContext,
                       accepting types: [String] = jsonTypes) async throws -> (JSONObject, [UInt8]) {
        let (value, bytes) = try await json(request, context: context, accepting: types)
        guard case .object(let object) = value else {
            throw DomainError.invalid([
                FieldProblem(
                    "", .wrongType(expected: "object", actual: value.typeName),
                    detail: "the body must be a JSON object, not \(value.typeName)")
            ])
        }
        return (object, bytes)
    }
}
