/// A small XML writer for the e-arkiv package: elements with attributes in the order given, text
/// and attribute values escaped (`&`, `<`, `>`, `"`; characters XML 1.0 forbids are dropped),
/// two-space indentation, UTF-8 with the XML declaration.
struct EarkivXMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var open: [String] = []

    /// `<name a="v" …>`: children follow until `end()`.
    mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        open.append(name)
    }

    /// `<name a="v" …/>`, or `<name …>text</name>` when `text` is given.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        let head = indent + "<" + name + Self.attributes(attributes)
        if let text, !text.isEmpty {
            self.text += head + ">" + Self.escape(text) + "</" + name + ">\n"
        } else {
            self.text += head + "/>\n"
        }
    }

    /// Closes the innermost open element.
    mutating func end() {
        let name = open.removeLast()
        text += indent + "</" + name + ">\n"
    }

    /// The document's bytes; every element must be closed.
    var bytes: [UInt8] {
        precondition(open.isEmpty, "unclosed element \(open.last ?? "")")
        return Array(text.utf8)
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + escape($0.1) + "\"" }.joined()
    }

    /// The text as XML character data: markup characters as entities, forbidden characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v >= 0x20 && !(0xFFFE...0xFFFF).contains(v) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
