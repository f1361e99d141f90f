import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

/// Every route, every kind of caller, against the status it must get. Each cell runs on a fresh
/// database holding one avvikelse (AVV-2025-0001) in unit `vuxen`, created by admin — outside the
/// scoped token's `ifo` subtree and not the rapportör's own.
@Suite("Role × route access matrix")
struct AccessMatrixTests {
    struct Route: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        var body: String? = nil
        var contentType = "application/json"
        var ifMatch = false
        /// Expected status for: admin, kvalitet, rapportor, lasare, ifo-kvalitet (scoped), revoked, no token.
        let expected: [Int]
        var testDescription: String { "\(method) \(path)" }
    }

    static let callers = ["admin", "kvalitet", "rapportor", "lasare", "ifo-kvalitet", "revoked", nil]
    static let record = "/api/v1/avvikelser/AVV-2025-0001"
    static let newAvvikelse = #"{"unitId":"ifo-utr","title":"T","receivedOn":"2025-03-02","category":"ovrigt"}"#

    static let routes: [Route] = [
        Route(method: .get, path: "/health", expected: [200, 200, 200, 200, 200, 200, 200]),
        Route(method: .get, path: "/api/v1/kodverk", expected: [200, 200, 200, 200, 200, 401, 401]),
        Route(method: .get, path: "/api/v1/audit", expected: [200, 403, 403, 403, 403, 401, 401]),
        Route(method: .get, path: "/api/v1/verksamheter", expected: [200, 200, 200, 200, 200, 401, 401]),
        Route(method: .get, path: "/api/v1/verksamheter/vuxen", expected: [200, 200, 200, 200, 200, 401, 401]),
        Route(method: .put, path: "/api/v1/verksamheter/ny", body: #"{"name":"Ny","level":"sektion","parentId":"vuxen"}"#,
              expected: [201, 403, 403, 403, 403, 401, 401]),
        Route(method: .delete, path: "/api/v1/verksamheter/ifo-utr-s1", expected: [204, 403, 403, 403, 403, 401, 401]),
        Route(method: .post, path: "/api/v1/avvikelser", body: newAvvikelse, expected: [201, 201, 201, 403, 201, 401, 401]),
        Route(method: .get, path: "/api/v1/avvikelser", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: "/api/v1/avvikelser?format=csv", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: "/api/v1/avvikelser?format=csv&includeText=true", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: record, expected: [200, 200, 404, 403, 404, 401, 401]),
        Route(method: .get, path: record + "/history", expected: [200, 200, 403, 403, 404, 401, 401]),
        Route(method: .patch, path: record, body: #"{"title":"Ny"}"#, contentType: "application/merge-patch+json", ifMatch: true,
              expected: [200, 200, 403, 403, 404, 401, 401]),
        Route(method: .post, path: record + "/transitions", body: #"{"to":"under_utredning"}"#, ifMatch: true,
              expected: [200, 200, 403, 403, 404, 401, 401]),
        Route(method: .delete, path: record + "?reason=dubblett", ifMatch: true, expected: [200, 200, 403, 403, 404, 401, 401]),
    ]

    /// The other families: (path, a body creating a record in `vuxen`, the first step of its workflow).
    static let families: [(path: String, id: String, create: String, firstStep: String)] = [
        ("klagomal", "KLG-2025-0001", #"{"unitId":"vuxen","title":"T","receivedOn":"2025-03-02","source":"utomstaende","submitter":"brukare","type":"klagomal","subject":"bemotande"}"#, #"{"to":"under_utredning"}"#),
        ("lex-sarah", "LXS-2025-0001", #"{"unitId":"vuxen","title":"T","reportedOn":"2025-03-02","reporterRole":"anstalld","category":"sekretess"}"#, #"{"to":"under_utredning"}"#),
        ("riskanalyser", "RSK-2025-0001", #"{"unitIds":["vuxen"],"title":"T","trigger":"ovrigt","plannedOn":"2025-03-02"}"#, #"{"to":"pagaende"}"#),
        ("egenkontroller", "EGK-2025-0001", #"{"unitIds":["vuxen"],"title":"T","area":"ovrigt","method":"aktgranskning","plannedOn":"2025-03-02"}"#, #"{"to":"pagaende"}"#),
        ("tillsynsbeslut", "TSB-2025-0001", #"{"unitIds":["vuxen"],"title":"T","authority":"ivo","caseNumber":"1/2025","decidedOn":"2025-03-02","subject":"ovrigt","deficienciesFound":false}"#, #"{"to":"avslutat"}"#),
    ]

    static var familyRoutes: [Route] {
        families.flatMap { family -> [Route] in
            let base = "/api/v1/\(family.path)", record = base + "/" + family.id
            let create = family.create.replacingOccurrences(of: "vuxen", with: "ifo-utr")
            return [
                Route(method: .post, path: base, body: create, expected: [201, 201, 201, 403, 201, 401, 401]),
                Route(method: .get, path: base, expected: [200, 200, 403, 403, 200, 401, 401]),
                Route(method: .get, path: base + "?format=csv&includeText=true", expected: [200, 200, 403, 403, 200, 401, 401]),
                Route(method: .get, path: record, expected: [200, 200, 404, 403, 404, 401, 401]),
                Route(method: .get, path: record + "/history", expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .patch, path: record, body: #"{"title":"Ny"}"#, contentType: "application/merge-patch+json", ifMatch: true,
                      expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .post, path: record + "/transitions", body: family.firstStep, ifMatch: true, expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .delete, path: record + "?reason=dubblett", ifMatch: true, expected: [200, 200, 403, 403, 404, 401, 401]),
            ]
        } + [
            Route(method: .post, path: "/api/v1/lex-sarah/LXS-2025-0001/notes",
                  body: #"{"documentedOn":"2025-03-04","source":"Intervju","kind":"faktum","authorName":"Eva","authorTitle":"Utredare","text":"T"}"#,
                  expected: [201, 201, 403, 403, 404, 401, 401]),
            Route(method: .get, path: "/api/v1/kvalitetsberattelse/2025", expected: [200, 200, 403, 200, 200, 401, 401]),
            Route(method: .get, path: "/api/v1/kvalitetsberattelse/2025?unitId=vuxen", expected: [200, 200, 403, 200, 404, 401, 401]),
        ]
    }

    @Test(arguments: routes + familyRoutes)
    func everyCallerGetsTheStatusItsRoleAndUnitsAllow(route: Route) async throws {
        for (index, caller) in Self.callers.enumerated() {
            var app = try await TestApp.make()
            let setup = Actor(tokenName: "setup", role: .admin, unitScope: nil)
            app.tokens["revoked"] = try await app.services.tokens.create(name: "revoked", role: .admin, unitIds: [], by: setup)
            try await app.services.tokens.revoke(name: "revoked", by: setup)
            try await app.run { client in
                _ = try await client.createAvvikelse(unit: "vuxen")
                for family in Self.families where route.path.hasPrefix("/api/v1/\(family.path)") {
                    _ = try await client.post(family.path, family.create)
                }
                let reply = try await client.send(route.method, route.path, as: caller, json: route.body, contentType: route.contentType,
                                                  headers: route.ifMatch ? [.ifMatch: "\"1\""] : [:])
                #expect(Int(reply.status.code) == route.expected[index], "\(caller ?? "no token"): \(reply.body.prefix(200))")
                if reply.status.code >= 400 { #expect(reply.isProblem) }
            }
        }
    }
}
