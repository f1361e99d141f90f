import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("GET /openapi.yaml")
struct OpenAPIServingTests {
    @Test func theContractIsServedWithoutATokenExactlyAsTheFileSaysIt() async throws {
        let file = try String(contentsOfFile: TestApp.openAPI, encoding: .utf8)
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/openapi.yaml", as: nil)
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/yaml")
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] != nil)
            #expect(reply.body == file)
        }
    }

    @Test func withoutTheFileTheServerStillServesAndAnswers404There() async throws {
        let app = try await TestApp.make { $0.openAPIPath = NSTemporaryDirectory() + "no-such-folder-\(UUID().uuidString)/openapi.yaml" }
        try await app.run { client in
            let reply = try await client.send(.get, "/openapi.yaml", as: nil)
            #expect(reply.status == .notFound)
            #expect(reply.isProblem)
            #expect(reply.json["type"] as? String == "urn:kvalitet:problem:not-found")
            #expect(try await client.send(.get, "/health", as: nil).status == .ok)
            #expect(try await client.send(.get, "/api/v1/kodverk").status == .ok)
        }
    }

    @Test func onlyGetIsServedThere() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.post, "/openapi.yaml", as: nil, json: "{}")
            #expect(reply.status == .methodNotAllowed)
            #expect(reply.headers[.allow] == "GET, HEAD")
        }
    }
}
