import Foundation
import Logging
import Synchronization

/// `--log-format json`: one JSON object per line — `time` (RFC 3339 UTC with milliseconds),
/// `level`, `message`, `label`, then the metadata (`hb.request.id` is written as `requestId`).
/// Our own handler because no JSON LogHandler package is kept on the mirror; encoded with
/// Foundation's `JSONSerialization`, so every string is escaped as JSON requires.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: LogSink

    /// `sink` receives each finished line (with its newline); `LogSink.standardError` for the server.
    public init(label: String, sink: LogSink = .standardError) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [:]
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        for (key, value) in merged { object[key == "hb.request.id" ? "requestId" : key] = Self.plain(value) }
        object["time"] = Self.timestamp(Date())
        object["level"] = event.level.rawValue
        object["message"] = event.message.description
        object["label"] = label
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: options) else { return }
        line.append(UInt8(ascii: "\n"))
        sink.write(line)
    }

    /// Metadata as JSON values: strings stay strings, lists arrays, dictionaries objects.
    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let entries): entries.mapValues(plain)
        }
    }

    private static let formatter = Mutex(ISO8601DateFormatter.withMilliseconds)

    static func timestamp(_ date: Date) -> String { formatter.withLock { $0.string(from: date) } }
}

/// Where log lines go: one `write` per line, never interleaved with another line.
public final class LogSink: Sendable {
    private let output: Mutex<(Data) -> Void>

    /// `write` is called under a lock with one whole line.
    public init(_ write: @escaping @Sendable (Data) -> Void) { output = Mutex(write) }

    public func write(_ line: Data) { output.withLock { $0(line) } }

    public static let standardError = LogSink { FileHandle.standardError.write($0) }
}

extension ISO8601DateFormatter {
    fileprivate static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
