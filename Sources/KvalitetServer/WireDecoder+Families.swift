import KvalitetDomain

/// Decoding of the shapes the later record families add: string lists and nested objects.
extension WireDecoder {
    /// A list of strings (`unitIds`, `participants`); nil when any item is not a string.
    mutating func strings(_ value: JSONValue?, at pointer: String, maxCount: Int = 100) -> [String]? {
        guard let items = array(value, at: pointer, maxCount: maxCount) else { return nil }
        let strings = items.enumerated().map {
            string($1, at: "\(pointer)/\($0)") ?? nilItem($1, at: "\(pointer)/\($0)")
        }
        return strings.contains(where: { $0 == nil }) ? nil : strings.compactMap { $0 }
    }

    /// A nested object with only `allowed` members (a typo inside one must not be dropped either).
    mutating func nested(
        _ value: JSONValue?, at pointer: String, allowed: Set<String>, readOnly: Set<String> = []
    ) -> JSONObject? {
        guard let object = object(value, at: pointer) else { return nil }
        checkKeys(object, allowed: allowed, readOnly: readOnly, at: pointer)
        return object
    }

    private mutating func nilItem(_ value: JSONValue, at pointer: String) -> String? {
        if value == .null { problem(pointer, .wrongType(expected: "string", actual: "null")) }
        return nil
    }
}
