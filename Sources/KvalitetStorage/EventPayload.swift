import KvalitetDomain

extension EventOutbox {
    /// The JSON `data` of an event as stored and delivered: ids, family, units, status, dates, link.
    /// `Encodable` is the reference its direct writer (`json`) is tested against.
    struct Payload: Encodable, Equatable {
        let recordId: String
        let family: String
        let unitIds: [String]
        let status: String
        let previousStatus: String?
        let dates: [String: String]
        let link: String
        /// The deadline of a `deadline.*` event (`DeadlineCode`) and its last day; absent otherwise.
        let deadline: String?
        let dueOn: String?
    }
}

extension EventOutbox.Payload {
    init(_ event: RecordEvent) {
        self.init(
            recordId: event.recordId.description, family: event.family.rawValue, unitIds: event.unitIds,
            status: event.status, previousStatus: event.previousStatus,
            dates: event.dates.mapValues(\.description), link: event.link,
            deadline: event.deadline?.code.rawValue, dueOn: event.deadline?.dueOn.description)
    }

    /// The payload as compact JSON text, byte for byte what Foundation's `JSONEncoder` writes for it
    /// with `.sortedKeys` and `.withoutEscapingSlashes`: members in the UTF-8 order of their keys,
    /// absent optionals left out, strings escaped as Foundation escapes them (`EventPayloadTests`
    /// compares the two). Written directly because the encoder took 61 000 instructions a payload,
    /// and a bulk load writes four to five payloads a record (callgrind, `kvalitet demo`).
    var json: String {
        var out = JSONText()
        // The keys in UTF-8 order, as `.sortedKeys` puts them.
        out.member("dates") { $0.object(dates) }
        if let deadline { out.member("deadline") { $0.string(deadline) } }
        if let dueOn { out.member("dueOn") { $0.string(dueOn) } }
        out.member("family") { $0.string(family) }
        out.member("link") { $0.string(link) }
        if let previousStatus { out.member("previousStatus") { $0.string(previousStatus) } }
        out.member("recordId") { $0.string(recordId) }
        out.member("status") { $0.string(status) }
        out.member("unitIds") { $0.array(unitIds) }
        return out.finished()
    }
}

/// One JSON object of strings, lists of strings and objects of strings, written as bytes.
private struct JSONText {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    init() { bytes.reserveCapacity(256) }

    mutating func member(_ key: String, _ value: (inout JSONText) -> Void) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        string(key)
        bytes.append(UInt8(ascii: ":"))
        value(&self)
    }

    mutating func array(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func object(_ members: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, (key, value)) in sorted.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(key)
            bytes.append(UInt8(ascii: ":"))
            string(value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A string as Foundation's encoder escapes it with `.withoutEscapingSlashes`.
    mutating func string(_ text: String) { JSONString.write(text, into: &bytes, escapingSlashes: false) }

    mutating func finished() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
