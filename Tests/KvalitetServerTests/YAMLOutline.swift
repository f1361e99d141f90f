import Foundation

/// Just enough of YAML to read openapi.yaml's structure without a YAML package: block mappings by
/// indentation, block sequences (each item a node), one-line flow sequences of plain scalars, and
/// block scalars (`|`, `>`), which are skipped. Values are kept as their raw text.
///
/// It is not a YAML parser: what it cannot place (tabs, a line that is no `key:` or `- item`) is an
/// error, so that a spec it cannot read fails the tests instead of being half read; the tests also
/// have python3's YAML parser read the whole file where it is installed.
final class YAMLNode {
    let key: String
    /// The text after `key:` on the same line, or nil when the value is a block below.
    let value: String?
    var children: [YAMLNode] = []
    /// Block-sequence items below this key, in order (each with its own children).
    var items: [YAMLNode] = []

    init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    subscript(_ key: String) -> YAMLNode? { children.first { $0.key == key } }

    /// The node at a path of keys, e.g. `["components", "schemas", "Avvikelse"]`.
    func at(_ path: [String]) -> YAMLNode? {
        path.reduce(Optional(self)) { node, key in node?[key] }
    }

    var keys: [String] { children.map(\.key) }

    /// The value as a plain scalar, quotes removed.
    var scalar: String? { value.map(YAMLOutline.unquote) }

    /// A one-line flow sequence `[a, 'b', c]` as its items, or a block sequence of scalars.
    var list: [String]? {
        if let value, value.hasPrefix("["), value.hasSuffix("]") {
            let inner = value.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            return inner.isEmpty ? [] : inner.split(separator: ",").map { YAMLOutline.unquote($0.trimmingCharacters(in: .whitespaces)) }
        }
        if value == nil, !items.isEmpty, items.allSatisfy({ $0.children.isEmpty && $0.value != nil }) {
            return items.map { YAMLOutline.unquote($0.value ?? "") }
        }
        return nil
    }
}

enum YAMLOutline {
    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "openapi.yaml line \(line): \(message)" }
    }

    static func parse(_ text: String) throws -> YAMLNode {
        let root = YAMLNode(key: "", value: nil)
        // The open nodes: the indentation of their keys (a sequence item: of its dash).
        var stack: [(indent: Int, node: YAMLNode)] = [(-1, root)]
        var blockScalarIndent: Int?
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let number = index + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
            let content = line.drop { $0 == " " }
            let indent = line.count - content.count
            if let scalarIndent = blockScalarIndent {
                if content.isEmpty || indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            if content.isEmpty || content.hasPrefix("#") { continue }
            if content.hasPrefix("\t") || line.hasPrefix("\t") { throw Failure(line: number, message: "tab in indentation") }
            while let top = stack.last, top.indent >= indent { stack.removeLast() }
            guard let parent = stack.last?.node else { throw Failure(line: number, message: "cannot place this line") }
            // A line below a key that has a value on its own line continues that value (a folded
            // plain or quoted scalar, a flow collection over several lines).
            if parent !== root, let value = parent.value, !isBlockScalar(value) { continue }
            var rest = String(content)
            var keyIndent = indent
            if rest == "-" || rest.hasPrefix("- ") {
                // A sequence item: a node of its own; `- key: value` opens its first member.
                let item = YAMLNode(key: "-", value: nil)
                parent.items.append(item)
                stack.append((indent, item))
                rest = String(rest.dropFirst(1)).trimmingCharacters(in: .whitespaces)
                keyIndent = indent + 2
                if rest.isEmpty { continue }
                guard let (key, value) = keyValue(rest), !rest.hasPrefix("{"), !rest.hasPrefix("[") else {
                    parent.items.removeLast()
                    parent.items.append(YAMLNode(key: "-", value: rest))
                    stack.removeLast()
                    continue
                }
                let node = YAMLNode(key: key, value: value)
                item.children.append(node)
                stack.append((keyIndent, node))
                if let value, isBlockScalar(value) { blockScalarIndent = keyIndent }
                continue
            }
            guard let (key, value) = keyValue(rest) else {
                throw Failure(line: number, message: "expected `key:` or `- item`, found \(rest.prefix(60))")
            }
            let node = YAMLNode(key: key, value: value)
            parent.children.append(node)
            stack.append((keyIndent, node))
            if let value, isBlockScalar(value) { blockScalarIndent = keyIndent }
        }
        return root
    }

    /// `key: value` or `key:`; keys may be quoted. Nil when the line is no mapping entry.
    static func keyValue(_ text: String) -> (String, String?)? {
        var key: String
        var remainder: Substring
        if let quote = text.first, quote == "'" || quote == "\"" {
            guard let end = text.dropFirst().firstIndex(of: quote) else { return nil }
            key = String(text[text.index(after: text.startIndex)..<end])
            remainder = text[text.index(after: end)...]
            guard remainder.hasPrefix(":") else { return nil }
        } else {
            guard let colon = text.range(of: ": ") ?? (text.hasSuffix(":") ? text.range(of: ":", options: .backwards) : nil) else { return nil }
            key = String(text[..<colon.lowerBound])
            remainder = text[colon.lowerBound...]
            if key.contains(" #") || key.hasPrefix("{") || key.hasPrefix("[") { return nil }
        }
        key = key.trimmingCharacters(in: .whitespaces)
        var value = remainder.dropFirst().trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("#") { value = "" }
        return (key, value.isEmpty ? nil : value)
    }

    static func isBlockScalar(_ value: String) -> Bool {
        ["|", "|-", "|+", ">", ">-", ">+"].contains(value)
    }

    static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
