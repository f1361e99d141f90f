import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KvalitetDomain

/// Why an import from Kolada failed, phrased for the administrator who started it.
public enum KoladaError: Error, CustomStringConvertible, Equatable {
    /// Kolada refused the request (4xx): retrying would not help.
    case refused(status: Int, url: String, detail: String)
    /// The answer was not the JSON Kolada sends (a proxy's error page, a changed API).
    case notJSON(url: String, detail: String)
    /// Timeouts or server errors on every attempt.
    case unavailable(url: String, attempts: Int, last: String)
    /// `next_url` pointed somewhere other than the configured API, or paging did not end.
    case badPaging(url: String, detail: String)

    public var description: String {
        switch self {
        case .refused(let status, let url, let detail): "Kolada refused \(url) with HTTP \(status): \(detail)"
        case .notJSON(let url, let detail): "Kolada's answer to \(url) is not the expected JSON: \(detail)"
        case .unavailable(let url, let attempts, let last):
            "Kolada did not answer \(url) after \(attempts) attempts (last: \(last))"
        case .badPaging(let url, let detail): "Kolada's paging from \(url) cannot be followed: \(detail)"
        }
    }
}

/// Kolada API v3 over `URLSession`: `GET {base}/data/kpi/{kpi}/municipality/{ids}/year/{years}`,
/// following `next_url`, keeping gender T, skipping deleted rows and null values. Requests are
/// chunked, time out, and are retried a bounded number of times with backoff on timeouts, 5xx and
/// 429 — never on another 4xx. Base URL, clock and backoff are injected (tests use a loopback fixture).
public struct KoladaClient: Sendable {
    public var baseURL: URL
    public var clock: any KvalitetClock
    public var timeout: TimeInterval = 30
    public var maxAttempts = 4
    /// Ids and years per request: Kolada's URLs stay short and its answers small.
    public var idsPerRequest = 10
    public var yearsPerRequest = 10
    public var maxPages = 200
    /// Waits before attempt `n` (2, 3, …); by default 1 s, 2 s, 4 s.
    public var backoff: @Sendable (Int) async throws -> Void = { attempt in
        try await Task.sleep(for: .seconds(1 << min(attempt - 2, 5)))
    }

    public static let defaultBaseURL = URL(string: "https://api.kolada.se/v3")!

    public init(baseURL: URL = KoladaClient.defaultBaseURL, clock: any KvalitetClock) {
        self.baseURL = baseURL
        self.clock = clock
    }

    /// Every value of `kpi` for `municipalities` (ids, group ids, `0000`) and `years`, with how
    /// many pages were read and how many values they held. Paging follows `next_url` (or
    /// `next_page`, as some answers name it) and ends on null, absent or "", or on a page without values.
    public func fetch(kpi: String, municipalities: [String], years: ClosedRange<Int>) async throws -> KoladaFetch {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var fetched = KoladaFetch()
        for ids in Self.chunks(municipalities, of: idsPerRequest) {
            for yearChunk in Self.chunks(Array(years), of: yearsPerRequest) {
                let path =
                    "data/kpi/\(kpi)/municipality/\(ids.joined(separator: ","))/year/"
                    + yearChunk.map(String.init).joined(separator: ",")
                var next: URL? = baseURL.appendingPathComponent(path)
                var pages = 0
                var read = Set<String>()
                while let url = next {
                    pages += 1
                    if pages > maxPages {
                        throw KoladaError.badPaging(url: url.absoluteString, detail: "more than \(maxPages) pages")
                    }
                    let data = try await get(url, session: session)
                    read.insert(url.absoluteString)
                    let page = try KoladaPage.decode(data, url: url, fetchedAt: clock.now())
                    fetched.pages += 1
                    fetched.valuesRead += page.values.count
                    fetched.values += page.values.filter { $0.kpi == kpi }
                    next = page.isLast ? nil : try page.next.map { try checkedNext($0, from: url, read: read) }
                }
            }
        }
        return fetched
    }

    static func chunks<T>(_ items: [T], of size: Int) -> [[T]] {
        stride(from: 0, to: items.count, by: max(1, size)).map {
            Array(items[$0..<min($0 + max(1, size), items.count)])
        }
    }

    /// `next_url` must stay on the configured API: a redirected import must not fetch from anywhere else.
    /// A relative one is resolved against the page it came with. One naming a page already `read`
    /// would loop until `maxPages`, each page counted again: it ends the import at once.
    private func checkedNext(_ text: String, from url: URL, read: Set<String>) throws -> URL {
        let root = baseURL.path.hasSuffix("/") ? baseURL.path : baseURL.path + "/"  // by segment: /v30 is not /v3
        guard let next = URL(string: text, relativeTo: url)?.absoluteURL, next.scheme == baseURL.scheme,
            next.host == baseURL.host, next.port == baseURL.port, (next.path + "/").hasPrefix(root)
        else {
            throw KoladaError.badPaging(
                url: url.absoluteString, detail: "next_url \(text.prefix(200)) is not on \(baseURL.absoluteString)")
        }
        guard !read.contains(next.absoluteString) else {
            throw KoladaError.badPaging(
                url: url.absoluteString,
                detail: "next_url \(text.prefix(200)) names a page already read")
        }
        return next
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            return "URL error \(error.code.rawValue)" + (error.failureURLString.map { " for \($0)" } ?? "")
        }
        return String(describing: type(of: error))
    }

    private func get(_ url: URL, session: URLSession) async throws -> Data {
        var last = ""
        for attempt in 1...max(1, maxAttempts) {
            if attempt > 1 { try await backoff(attempt) }
            var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            request.setValue("kvalitet (kolada import)", forHTTPHeaderField: "User-Agent")
            do {
                let prepared = request
                let (data, response) = try await withDeadline { try await session.data(for: prepared) }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                switch status {
                case 200..<300: return data
                case 429, 500...599: last = "HTTP \(status)"
                default:
                    throw KoladaError.refused(
                        status: status, url: url.absoluteString,
                        detail: String(decoding: data.prefix(300), as: UTF8.self))
                }
            } catch let error as URLError where Self.retryable.contains(error.code) {
                last = error.code == .timedOut ? "timed out after \(timeout) s" : "\(error.localizedDescription)"
            } catch let error as KoladaError {
                throw error
            } catch {
                // An unknown host, a refused connection, TLS: not worth a retry, but still Kolada's
                // side of the import, so it is said as such (502), never as our own failure (500).
                throw KoladaError.unavailable(url: url.absoluteString, attempts: attempt, last: Self.describe(error))
            }
        }
        throw KoladaError.unavailable(url: url.absoluteString, attempts: max(1, maxAttempts), last: last)
    }

    /// URLSession on Linux does not reliably end a request whose server stays silent, so the
    /// timeout is also enforced here: whichever finishes first, the answer or the clock.
    private func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let seconds = timeout
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                throw URLError(.timedOut)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw URLError(.timedOut) }
            return first
        }
    }

    private static let retryable: Set<URLError.Code> = [
        .timedOut, .networkConnectionLost, .cannotConnectToHost, .notConnectedToInternet,
    ]
}

/// What a fetch read: the values of the KPI asked for, the pages read and the values they held.
public struct KoladaFetch: Sendable {
    public var values: [KoladaValue] = []
    public var pages = 0
    public var valuesRead = 0
}

/// One page of Kolada's `{"values": [...], "count": N, "next_url": …}`. Decoded leniently row
/// by row: one odd row is skipped, not the whole import; an answer that is not this shape is an error.
struct KoladaPage {
    let values: [KoladaValue]
    /// `next_url`, or `next_page` where an answer names it so; nil when absent, null or "".
    let next: String?
    /// A page without rows ends the paging, whatever it names as next.
    let isLast: Bool

    private struct Root: Decodable {
        let values: [Lenient<Row>]
        let next_url: String?
        let next_page: String?
    }

    private struct Row: Decodable {
        let kpi: String
        let municipality: String
        let period: Period
        let values: [Lenient<Entry>]
        let isdeleted: Bool?
    }

    private struct Entry: Decodable {
        let gender: String?
        let value: Double?
        let isdeleted: Bool?
    }

    /// Kolada writes the period as a number (2020) or a string ("2020").
    struct Period: Decodable {
        let year: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { year = number; return }
            guard let number = Int(try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "period is not a year")
            }
            year = number
        }
    }

    private struct Lenient<T: Decodable>: Decodable {
        let value: T?
        init(from decoder: any Decoder) throws { value = try? T(from: decoder) }
    }

    static func decode(_ data: Data, url: URL, fetchedAt: Date) throws -> KoladaPage {
        let root: Root
        do {
            root = try JSONDecoder().decode(Root.self, from: data)
        } catch {
            throw KoladaError.notJSON(
                url: url.absoluteString, detail: String(decoding: data.prefix(120), as: UTF8.self))
        }
        var values: [KoladaValue] = []
        for case let row? in root.values.map(\.value) where row.isdeleted != true {
            guard KoladaScope(municipalityId: row.municipality) != nil, NyckeltalPeriod.years.contains(row.period.year)
            else { continue }
            // Gender T (totalt) is the figure; K and M are breakdowns the service does not keep.
            for case let entry? in row.values.map(\.value) where entry.gender == "T" && entry.isdeleted != true {
                guard let value = entry.value, value.isFinite else { continue }
                values.append(
                    KoladaValue(
                        kpi: row.kpi, municipality: row.municipality, year: row.period.year, value: value,
                        fetchedAt: fetchedAt))
            }
        }
        let next = [root.next_url, root.next_page].compactMap { $0 }.first { !$0.isEmpty }
        return KoladaPage(values: values, next: next, isLast: root.values.isEmpty)
    }
}
