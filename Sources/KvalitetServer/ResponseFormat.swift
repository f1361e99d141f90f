import Hummingbird

/// The formats an answer can take, chosen the same way on every route: `?format=` wins, then
/// `Accept` (`text/html` before `text/csv`), else JSON.
enum ResponseFormat: String, Sendable {
    case json, html, csv

    /// The format of `request`'s answer among those the route `offers` (JSON first); an unknown or
    /// unoffered `?format=` is reported on `query`.
    static func negotiate(_ request: Request, _ query: inout QueryReader, offers: [ResponseFormat]) -> ResponseFormat {
        if let text = query.string("format") {
            if let format = ResponseFormat(rawValue: text), offers.contains(format) { return format }
            query.fail("format", .notOneOf(allowed: offers.map(\.rawValue)))
            return .json
        }
        let accept = request.headers[.accept] ?? ""
        return [ResponseFormat.html,
                .csv].first { offers.contains($0) && accept.contains("text/" + $0.rawValue) } ?? .json
    }
}
