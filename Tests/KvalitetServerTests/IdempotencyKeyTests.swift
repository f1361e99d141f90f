import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Idempotency-Key as draft-ietf-httpapi-idempotency-key-header has it: the same key with the same
/// body replays the first answer; the same key with another request is 422 and creates nothing.
@Suite("Idempotency-Key")
struct IdempotencyKeyTests {
    static let key = HTTPField.Name("Idempotency-Key")!
    static let body = #"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"dokumentation"}"#

    /// A second request after `body` was sent to /api/v1/avvikelser with key `form-1` by admin.
    static let rows: [(name: String, path: String, body: String, key: String, token: String,
                       status: HTTPResponse.Status, records: Int)] = [
        ("the same body replays", "/api/v1/avvikelser", body, "form-1", "admin", .created, 1),
        ("another title", "/api/v1/avvikelser", body.replacingOccurrences(of: "\"T\"", with: "\"U\""),
         "form-1", "admin",
         .unprocessableContent, 1),
        ("another date", "/api/v1/avvikelser", body.replacingOccurrences(of: "03-02", with: "03-03"), "form-1", "admin",
         .unprocessableContent, 1),
        ("the same JSON written otherwise", "/api/v1/avvikelser", body.replacingOccurrences(of: ",", with: ", "),
         "form-1", "admin", .unprocessableContent, 1),
        ("another family", "/api/v1/klagomal",
         #"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","source":"utomstaende","submitter":"brukare","#
            + #""type":"klagomal","subject":"bemotande"}"#, "form-1", "admin", .unprocessableContent, 1),
        ("another key", "/api/v1/avvikelser", body, "form-2", "admin", .created, 2),
        ("another token's key", "/api/v1/avvikelser", body, "form-1", "kvalitet", .created, 2),
    ]

    @Test func aKeyReusedWithAnotherRequestIs422AndTheSameBodyReplays() async throws {
        for row in Self.rows {
            try await TestApp.make().run { client in
                let first = try await client.send(.post, "/api/v1/avvikelser", json: Self.body,
                                                  headers: [Self.key: "form-1"])
                #expect(first.status == .created)
                let second = try await client.send(.post, row.path, as: row.token, json: row.body,
                                                   headers: [Self.key: row.key])
                #expect(second.status == row.status, "\(row.name): \(second.body)")
                if row.status == .unprocessableContent {
                    let type = second.json["type"] as? String
                    #expect(type == "urn:kvalitet:problem:idempotency-key-reused", "\(row.name)")
                    #expect((second.json["detail"] as? String)?.contains("Idempotency-Key") == true)
                }
                if row.name == "the same body replays" {
                    #expect(second.body == first.body)
                    #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                }
                let avvikelser = try await client.send(.get, "/api/v1/avvikelser").items.count
                let klagomal = try await client.send(.get, "/api/v1/klagomal").items.count
                #expect(avvikelser + klagomal == row.records, "\(row.name)")
            }
        }
    }
}
