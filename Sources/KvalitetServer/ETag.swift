import Foundation
import Hummingbird

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
            if tag.count >= 3, tag.hasPrefix("\""), tag.hasSuffix("\""),
               let version = Int(tag.dropFirst().dropLast()), version >= 1 {
                return version
            }
        }
        throw HTTPProblem(status: .preconditionFailed, type: "stale-version", title: "Precondition failed",
                          detail: "If-Match must be an ETag of this resource, such as \"1\"")
    }
}
