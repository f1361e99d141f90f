import Foundation
import Testing

@Suite("--log-format json with the real binary")
struct JSONLogTests {
    @Test func everyLineTheServerWritesIsOneJSONObjectWithAnAccessLinePerRequest() async throws {
        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        let token = try kvalitet.createToken(name: "drift", role: "admin")
        let server = try kvalitet.serve(environment: ["KVALITET_LOG_FORMAT": "json"])
        var requestIds: [String] = []
        do {
            let put = try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token,
                                            json: #"{"name":"Enhet","level":"sektion"}"#)
            let missing = try await server.send("GET", "/api/v1/avvikelser/AVV-2025-0001", token: token)
            requestIds = [put, missing].compactMap { $0.header("X-Request-Id") }
            #expect(put.status == 201 || put.status == 200)
            #expect(missing.status == 404)
        } catch {
            _ = server.stop()
            throw error
        }
        #expect(server.stop() == 0)
        let lines = server.log.text.split(separator: "\n")
        let objects = lines.compactMap { line -> [String: Any]? in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            #expect(object != nil, "not JSON: \(line)")
            return object
        }
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        #expect(objects.contains { $0["message"] as? String == "listening" })
        for requestId in requestIds {
            let access = objects.filter {
                $0["message"] as? String == "request" && $0["requestId"] as? String == requestId
            }
            #expect(access.count == 1, "one access line for \(requestId)")
        }
        let notFound = objects.first {
            $0["requestId"] as? String == requestIds.last && $0["message"] as? String == "request"
        }
        #expect(notFound?["route"] as? String == "/api/v1/avvikelser/{id}")
        #expect(notFound?["status"] as? String == "404")
        #expect(!server.log.text.contains(token))
    }
}
