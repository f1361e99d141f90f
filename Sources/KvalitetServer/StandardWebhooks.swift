import Crypto
import Foundation

/// Signing of webhook messages under the Standard Webhooks specification (v1, symmetric):
/// the signed content is `{webhook-id}.{webhook-timestamp}.{body}`, signed with HMAC-SHA256 under
/// the base64-decoded part of the `whsec_…` secret, sent as `webhook-signature: v1,{base64}`.
public enum StandardWebhooks {
    /// The `webhook-signature` value for one message; nil when `secret` is not `whsec_` + base64.
    /// `timestamp` is whole seconds since 1970 (the `webhook-timestamp` header).
    public static func signature(secret: String, messageId: String, timestamp: Int64, body: [UInt8]) -> String? {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let key = Data(base64Encoded: encoded), !key.isEmpty else { return nil }
        var content = Array("\(messageId).\(timestamp).".utf8)
        content.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The three headers of a message (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
    public static func headers(secret: String, messageId: String, at date: Date, body: [UInt8]) -> [String: String] {
        let timestamp = Int64(date.timeIntervalSince1970.rounded(.down))
        let signed = signature(secret: secret, messageId: messageId, timestamp: timestamp, body: body)
        return ["webhook-id": messageId, "webhook-timestamp": String(timestamp), "webhook-signature": signed ?? ""]
    }

    /// The message body: `{"type": kind, "timestamp": occurredAt, "data": payload}`, with the stored
    /// payload (already a JSON object) as it is.
    public static func body(kind: String, occurredAt: String, payload: String) -> [UInt8] {
        Array(#"{"data":\#(payload),"timestamp":"\#(occurredAt)","type":"\#(kind)"}"#.utf8)
    }
}
