import Foundation

/// Writes an `Encodable` value as the JSON text `records.body` and `record_versions.snapshot` keep,
/// byte for byte what Foundation's `JSONEncoder` writes with `.sortedKeys` and dates as milliseconds
/// since 1970: members in the UTF-8 order of their keys, absent optionals left out, `/` escaped as
/// `\/`, numbers as Swift prints them without a trailing `.0` (`RecordJSONTests` compares the two
/// over every demo record of every family and over odd strings).
///
/// Hand-written because the encoder was 20 % of a bulk load's instructions (callgrind, `kvalitet demo
/// --records 3000`: 139 000 instructions a record body, three bodies a record) and a body is written
/// on every create and change. A value of a type this writer does not know (`Data`, `URL`,
/// `Decimal`) is handed to Foundation's encoder whole, so the text never differs.
enum RecordJSON {
    private static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The value's JSON as UTF-8. Throws `EncodingError.invalidValue` for a number that is not finite
    /// and for a value that writes nothing at all (as Foundation's encoder does; nested, it is `{}`).
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Node()
        do {
            try root.take(value)
        } catch is ForeignValue {
            return Array(try foundation.encode(value))
        }
        if case .empty = root.content {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "encoded nothing"))
        }
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        root.write(into: &out)
        return out
    }

    /// A value only Foundation's encoder knows how to write.
    struct ForeignValue: Error {}
}

/// One JSON value while a value is being encoded: a scalar's text, or an object's or array's members.
final class Node {
    enum Content {
        case empty
        /// A number, `true`, `false` or `null`, as written (short: Swift keeps it inline, no allocation).
        case literal(String)
        /// A string, escaped when written.
        case string(String)
        case object([(key: String, node: Node)])
        case array([Node])
    }

    var content: Content = .empty

    /// Encodes `value` into this node: dates as milliseconds, every other value through its `encode(to:)`.
    func take<T: Encodable>(_ value: T) throws {
        if T.self == Date.self, let date = value as? Date {
            try scalar(number: date.timeIntervalSince1970 * 1000)
        } else if T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw RecordJSON.ForeignValue()
        } else {
            try value.encode(to: NodeEncoder(node: self))
        }
    }

    func scalar(_ text: String) { content = .literal(text) }

    func scalar(string: String) { content = .string(string) }

    /// A number as `JSONEncoder` writes it: Swift's shortest text, without a trailing `.0`.
    func scalar<F: BinaryFloatingPoint & LosslessStringConvertible>(number: F) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "not a finite number"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        scalar(text)
    }

    /// A new member `key` of this object (it becomes one if it is not yet), to encode the value into.
    func add(_ key: String) -> Node {
        let child = Node()
        var members: [(key: String, node: Node)] = []
        if case .object(let existing) = content { members = existing }
        content = .empty  // one reference to the members while they grow
        members.append((key, child))
        content = .object(members)
        return child
    }

    /// A new last element of this array (it becomes one if it is not yet), to encode the value into.
    func append() -> Node {
        let child = Node()
        var items: [Node] = []
        if case .array(let existing) = content { items = existing }
        content = .empty  // as in `add`
        items.append(child)
        content = .array(items)
        return child
    }

    func write(into out: inout [UInt8]) {
        switch content {
        case .empty: out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        case .literal(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONString.write(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // In the keys' UTF-8 order; a key given twice keeps its last value, as Foundation's encoder does.
            let order = members.indices.sorted { first, second in
                let (one, other) = (members[first].key, members[second].key)
                return one == other ? first < second : one.utf8.lexicographicallyPrecedes(other.utf8)
            }
            var written = false
            for (position, index) in order.enumerated() {
                let member = members[index]
                if position + 1 < order.count, members[order[position + 1]].key == member.key { continue }
                if written { out.append(UInt8(ascii: ",")) }
                written = true
                JSONString.write(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.node.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// A JSON string as Foundation's encoder writes it: `"` and `\` escaped, `/` too unless told not to
/// (`.withoutEscapingSlashes`), the five control characters with short escapes, every other one below
/// U+0020 as `\u00xx`, the rest as UTF-8. Text with nothing to escape (nearly all) is copied whole.
enum JSONString {
    static func write(_ text: String, into out: inout [UInt8], escapingSlashes: Bool = true) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            let plain = !bytes.contains { byte in
                byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    || (escapingSlashes && byte == UInt8(ascii: "/"))
            }
            if plain {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes { escape(byte, into: &out, escapingSlashes: escapingSlashes) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8], escapingSlashes: Bool) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), byte])
        case UInt8(ascii: "/") where escapingSlashes: out.append(contentsOf: [UInt8(ascii: "\\"), byte])
        case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x00..<0x20:
            out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        default: out.append(byte)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
