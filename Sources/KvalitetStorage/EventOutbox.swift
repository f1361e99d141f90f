import Foundation
import GRDB
import KvalitetDomain

/// The transactional outbox: events are rows written in the transaction of the change they announce,
/// read afterwards by the webhook and e-mail workers. An event row is never changed.
public enum EventOutbox {
    /// A new Standard Webhooks message id for an event at `now`: `msg_`, the time in milliseconds
    /// since 1970 in 12 hexadecimal digits, then 80 random bits in 20 (all lowercase). Time first, as
    /// the KSUIDs of Svix's own ids: new ids go to the end of the events' unique index instead of to a
    /// random page of it (at 1 000 000 records that index is 150 MB, and a random insert read a page
    /// from disk). Written digit by digit: `String(format:)` per byte was 16 % of a bulk load (callgrind).
    static func newId(at now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        var utf8 = Array("msg_".utf8)
        utf8.reserveCapacity(36)
        func append(_ value: UInt64, digits: Int) {
            for shift in stride(from: 4 * (digits - 1), through: 0, by: -4) {
                utf8.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
            }
        }
        let milliseconds = UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded(.down)))
        append(milliseconds, digits: 12)
        append(generator.next(), digits: 16)
        append(generator.next(), digits: 4)
        return String(decoding: utf8, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes `events` in the caller's transaction, stamped `at`.
    static func append(_ events: [RecordEvent], at now: Date, in db: Database) throws {
        try append(events.map { Prepared($0, at: now) }, in: db)
    }

    /// The events of writing `record` over `previous` (nil for a new record), stamped at its change.
    static func prepared<Kind: RecordKind>(_ record: CaseRecord<Kind>, previous: CaseRecord<Kind>?) -> [Prepared] {
        RecordEvents.of(record, previous: previous).map { Prepared($0, at: record.updatedAt) }
    }

    /// Writes events prepared earlier (the bulk load prepares them off the writer), in their order.
    static func append(_ events: [Prepared], in db: any RowWriter) throws {
        for event in events {
            try db.executeCached(
                sql: """
                    INSERT INTO events (id, kind, record_id, family, unit_ids, occurred_at, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    event.id, event.kind, event.recordId, event.family, event.unitIds, event.occurredAt, event.payload,
                ])
        }
    }

    /// An event's row, every column's text computed: its new message id, its stamp and its payload.
    struct Prepared: Sendable {
        let id, kind, recordId, family, unitIds, occurredAt, payload: String

        init(_ event: RecordEvent, at now: Date) {
            id = EventOutbox.newId(at: now)
            kind = event.kind.rawValue
            recordId = event.recordId.description
            family = event.family.rawValue
            unitIds = event.unitIds.joined(separator: ",")
            occurredAt = Timestamp.format(now)
            payload = Payload(event).json
        }
    }
}

/// One stored event, as the workers and `GET /api/v1/events`-style readers see it.
public struct StoredEvent: Sendable, Equatable {
    public let seq: Int64
    /// The Standard Webhooks message id (`webhook-id`).
    public let id: String
    public let kind: String
    public let recordId: String
    public let unitIds: [String]
    public let occurredAt: String
    /// The JSON object of the event's `data`.
    public let payload: String

    init(row: Row) {
        seq = row["seq"]
        id = row["id"]
        kind = row["kind"]
        recordId = row["record_id"]
        unitIds = (row["unit_ids"] as String).split(separator: ",").map(String.init)
        occurredAt = row["occurred_at"]
        payload = row["payload"]
    }

    /// Events after `seq`, oldest first, at most `limit`.
    static func fetch(after seq: Int64, limit: Int, in db: Database) throws -> [StoredEvent] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?"),
            arguments: [seq, limit]
        ).map(StoredEvent.init(row:))
    }
}

extension KvalitetDatabase {
    /// Events after `seq`, oldest first (at most `limit`): for tests and the crash test's count.
    public func events(after seq: Int64 = 0, limit: Int = 1000) async throws -> [StoredEvent] {
        try await pool.read { db in try StoredEvent.fetch(after: seq, limit: limit, in: db) }
    }
}
