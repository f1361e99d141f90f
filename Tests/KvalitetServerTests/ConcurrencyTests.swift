import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Concurrent clients")
struct ConcurrencyTests {
    @Test func ofManyTransitionsWithTheSameIfMatchExactlyOneWins() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        try await client.send(.post, "/api/v1/avvikelser/\(id)/transitions", json: #"{"to":"under_utredning"}"#,
                                              headers: [.ifMatch: "\"1\""]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 23)
            let history = try await client.send(.get, "/api/v1/avvikelser/\(id)/history")
            #expect(history.items.count == 2)
        }
    }

    @Test func concurrentCreatesNeverShareACaseNumber() async throws {
        try await TestApp.make().run { client in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    group.addTask { try await client.createAvvikelse(on: index % 2 == 0 ? "2025-03-02" : "2024-06-01") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(ids).count == 40)
            #expect(Set(ids.filter { $0.hasPrefix("AVV-2025-") }) == Set((1...20).map { String(format: "AVV-2025-%04d", $0) }))
        }
    }

    @Test func idempotentRetriesUnderLoadCreateExactlyOneRecord() async throws {
        try await TestApp.make().run { client in
            let body = #"{"unitId":"ifo-utr","title":"Dubbelklick","receivedOn":"2025-03-02","category":"ovrigt"}"#
            let replies = try await withThrowingTaskGroup(of: TestApp.Reply.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        try await client.send(.post, "/api/v1/avvikelser", json: body, headers: [HTTPField.Name("Idempotency-Key")!: "dubbel-1"])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(Set(replies.map { $0.json["id"] as? String }).count == 1)
            #expect(try await client.send(.get, "/api/v1/avvikelser").items.count == 1)
        }
    }
}
