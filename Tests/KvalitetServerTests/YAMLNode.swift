import Foundation
import Yams

/// openapi.yaml as read by Yams (a YAML 1.1 parser over libyaml), seen as a tree of keyed nodes:
/// mappings keep their keys in order, sequences their items. A file Yams cannot read, or one that
/// is not a mapping, throws, so the drift tests fail instead of passing on a half-read spec.
final class YAMLNode {
    let key: String
    /// The node's text when it is a scalar.
    let value: String?
    /// The entries of a mapping, in the file's order.
    let children: [YAMLNode]
    /// The items of a sequence, in order (each keyed by its index).
    let items: [YAMLNode]
    /// Whether the node is a sequence (an empty one has no items to tell it by).
    let isSequence: Bool

    init(key: String, node: Node) {
        self.key = key
        value = node.scalar?.string
        children = node.mapping.map { mapping in
            mapping.map { YAMLNode(key: $0.key.string ?? "", node: $0.value) }
        } ?? []
        items = node.sequence.map { sequence in
            sequence.enumerated().map { YAMLNode(key: String($0.offset), node: $0.element) }
        } ?? []
        isSequence = node.sequence != nil
    }

    /// Parses a whole document; throws on any YAML error and on a document that is not a mapping.
    static func parse(_ text: String) throws -> YAMLNode {
        guard let node = try Yams.compose(yaml: text), node.mapping != nil else {
            throw YAMLError.notAMapping
        }
        return YAMLNode(key: "", node: node)
    }

    enum YAMLError: Error { case notAMapping }

    subscript(_ key: String) -> YAMLNode? { children.first { $0.key == key } }

    /// The node at a path of keys, e.g. `["components", "schemas", "Avvikelse"]`.
    func at(_ path: [String]) -> YAMLNode? {
        path.reduce(Optional(self)) { node, key in node?[key] }
    }

    var keys: [String] { children.map(\.key) }

    /// The scalar's text.
    var scalar: String? { value }

    /// A sequence of scalars as their texts; nil when the node is no such sequence.
    var list: [String]? {
        let texts = items.compactMap(\.value)
        return isSequence && texts.count == items.count ? texts : nil
    }
}
