import Hummingbird

/// Responses in the service's formats.
enum Reply {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(value))))
    }

    static func list(_ items: [JSONValue], nextCursor: String?) -> Response {
        json(.object(JSONObject([("items", .array(items)), ("nextCursor", .optional(nextCursor))])))
    }

    /// The same list from items already serialised (`JSONWriter.bytes` of each item).
    static func list(serialised items: [[UInt8]], nextCursor: String?) -> Response {
        var out: [UInt8] = Array(#"{"items":["#.utf8)
        out.reserveCapacity(items.reduce(64) { $0 + $1.count + 1 })
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(contentsOf: Array(#"],"nextCursor":"#.utf8))
        out.append(contentsOf: JSONWriter.bytes(.optional(nextCursor)))
        out.append(UInt8(ascii: "}"))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: out)))
    }
}
