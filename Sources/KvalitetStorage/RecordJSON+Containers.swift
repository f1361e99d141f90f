import Foundation

// The `Encoder` and its three containers for `RecordJSON`: each writes into a `Node` of the tree
// that `Node.write` turns into text. Coding paths are not kept (no record's `encode(to:)` reads them;
// an error names the value, not its path).

struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(NodeKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return NodeUnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { NodeSingleValueContainer(node: node) }
}

/// The writes every container shares, each into the `Node` that `child()` gives (a new member or
/// element, or a single value's own node): the unkeyed and single-value containers' requirements,
/// and what the keyed container does for a key.
protocol NodeScalars {
    func child() -> Node
}

extension NodeScalars {
    func encodeNil() throws { child().scalar("null") }
    func encode(_ value: Bool) throws { child().scalar(value ? "true" : "false") }
    func encode(_ value: String) throws { child().scalar(string: value) }
    func encode(_ value: Double) throws { try child().scalar(number: value) }
    func encode(_ value: Float) throws { try child().scalar(number: value) }
    func encode(_ value: Int) throws { child().scalar(String(value)) }
    func encode(_ value: Int8) throws { child().scalar(String(value)) }
    func encode(_ value: Int16) throws { child().scalar(String(value)) }
    func encode(_ value: Int32) throws { child().scalar(String(value)) }
    func encode(_ value: Int64) throws { child().scalar(String(value)) }
    func encode(_ value: UInt) throws { child().scalar(String(value)) }
    func encode(_ value: UInt8) throws { child().scalar(String(value)) }
    func encode(_ value: UInt16) throws { child().scalar(String(value)) }
    func encode(_ value: UInt32) throws { child().scalar(String(value)) }
    func encode(_ value: UInt64) throws { child().scalar(String(value)) }
    func encode<T: Encodable>(_ value: T) throws { try child().take(value) }
}

struct NodeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    private func at(_ key: Key) -> KeyedScalars { KeyedScalars(node: node, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { try at(key).encodeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try at(key).encode(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try at(key).encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.add(key.stringValue)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.add(key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.add("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.add(key.stringValue)) }
}

/// A keyed container's scalar writes: each adds a member named `key`.
struct KeyedScalars: NodeScalars {
    let node: Node
    let key: String
    func child() -> Node { node.add(key) }
}

struct NodeUnkeyedContainer: UnkeyedEncodingContainer, NodeScalars {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        if case .array(let items) = node.content { return items.count }
        return 0
    }

    func child() -> Node { node.append() }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.append()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.append()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.append()) }
}

/// A single value: written into the encoder's own node.
struct NodeSingleValueContainer: SingleValueEncodingContainer, NodeScalars {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    func child() -> Node { node }
}
