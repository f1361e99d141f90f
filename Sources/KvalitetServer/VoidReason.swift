import Hummingbird
import KvalitetDomain

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
