import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

/// The key-figure routes × every kind of caller. Each cell runs on a fresh database holding KF24,
/// its whole-organisation value for 2018 and an analysis of 2018 (all version 1).
@Suite("Nyckeltal role × route access matrix")
struct NyckeltalAccessMatrixTests {
    typealias Route = AccessMatrixTests.Route
    static let base = "/api/v1/nyckeltal/KF24"

    /// Expected status for: admin, kvalitet, rapportor, lasare, ifo-kvalitet (scoped), revoked, no token.
    static let routes: [Route] = [
        Route(method: .get, path: "/api/v1/nyckeltal", expected: [200, 200, 403, 200, 200, 401, 401]),
        Route(method: .get, path: base, expected: [200, 200, 403, 200, 200, 401, 401]),
        Route(method: .put, path: base, body: kf24Body, ifMatch: true, expected: [200, 200, 403, 403, 403, 401, 401]),
        Route(method: .delete, path: base + "?reason=dubblett", ifMatch: true, expected: [200, 200, 403, 403, 403, 401, 401]),
        Route(method: .get, path: base + "/history", expected: [200, 200, 403, 200, 200, 401, 401]),
        Route(method: .get, path: base + "/values", expected: [200, 200, 403, 200, 200, 401, 401]),
        Route(method: .put, path: base + "/values/2018", body: #"{"value":80}"#, ifMatch: true, expected: [200, 200, 403, 403, 403, 401, 401]),
        Route(method: .put, path: base + "/values/2018", body: #"{"unitId":"ifo-utr","value":80}"#, expected: [201, 201, 403, 403, 201, 401, 401]),
        Route(method: .get, path: base + "/analyses", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: base + "/analyses/2018", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .put, path: base + "/analyses/2018", body: #"{"currentState":"Ny text"}"#, ifMatch: true,
              expected: [200, 200, 403, 403, 403, 401, 401]),
        Route(method: .get, path: base + "/analyses/2018/history", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: base + "/kolada", expected: [200, 200, 403, 200, 200, 401, 401]),
        Route(method: .post, path: base + "/kolada-import", body: #"{"municipality":"1315","years":"2024","x":1}"#,
              expected: [422, 403, 403, 403, 403, 401, 401]),
    ]

    @Test(arguments: routes)
    func everyCallerGetsTheStatusItsRoleAndUnitsAllow(route: Route) async throws {
        for (index, caller) in AccessMatrixTests.callers.enumerated() {
            var app = try await TestApp.make()
            let setup = Actor(tokenName: "setup", role: .admin, unitScope: nil)
            app.tokens["revoked"] = try await app.services.tokens.create(name: "revoked", role: .admin, unitIds: [], by: setup)
            try await app.services.tokens.revoke(name: "revoked", by: setup)
            try await app.run { client in
                #expect(try await client.send(.put, Self.base, json: kf24Body).status == .created)
                #expect(try await client.send(.put, Self.base + "/values/2018", json: #"{"value":67}"#).status == .created)
                #expect(try await client.send(.put, Self.base + "/analyses/2018", json: #"{"currentState":"Text"}"#).status == .created)
                let reply = try await client.send(route.method, route.path, as: caller, json: route.body,
                                                  headers: route.ifMatch ? [.ifMatch: "\"1\""] : [:])
                #expect(Int(reply.status.code) == route.expected[index], "\(caller ?? "no token"): \(reply.body.prefix(200))")
                if reply.status.code >= 400 { #expect(reply.isProblem) }
            }
        }
    }
}
