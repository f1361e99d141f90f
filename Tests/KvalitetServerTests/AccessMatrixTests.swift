import HTTPTypes
import Hummingbird
import KvalitetDomain
import Testing

/// Every route, every kind of caller, against the status it must get. Each cell runs on a fresh
/// database holding one avvikelse (AVV-2025-0001) in unit `vuxen`, created by admin — outside the
/// scoped token's `ifo` subtree and not the rapportör's own — and a form's receipt for another one.
///
/// Signed-in people have exactly their role's access (`person-*` get the status of the API token of
/// the same role, `person-ifo` that of `ifo-kvalitet`), except where a person rapportör may read back
/// (`personRapportor`); an expired JWT, a JWT for another audience, an expired API token and a receipt
/// presented as a token are refused like a revoked token.
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
        /// A signed-in rapportör's status where it differs from the form token's (they list and read their own).
        var personRapportor: Int? = nil
        /// Where a signed-in caller's status differs for another reason (a note body naming another author).
        var signedIn: [String: Int] = [:]
        var testDescription: String { "\(method) \(path)" }
    }

    static let callers = ["admin", "kvalitet", "rapportor", "lasare", "ifo-kvalitet", "revoked", nil]
    /// Each signed-in caller and the column whose status it must get.
    static let signInColumns: [(caller: String, column: Int)] = [
        ("person-admin", 0), ("person-kvalitet", 1), ("person-rapportor", 2), ("person-lasare", 3), ("person-ifo", 4),
        ("jwt-expired", 5), ("jwt-wrong-audience", 5), ("token-expired", 5), ("receipt-as-token", 5),
    ]
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
        Route(method: .get, path: "/api/v1/avvikelser", expected: [200, 200, 403, 403, 200, 401, 401],
              personRapportor: 200),
        Route(method: .get, path: "/api/v1/avvikelser?format=csv", expected: [200, 200, 403, 403, 200, 401, 401],
              personRapportor: 200),
        Route(method: .get, path: "/api/v1/avvikelser?format=csv&includeText=true", expected: [200, 200, 403, 403, 200, 401, 401]),
        Route(method: .get, path: record, expected: [200, 200, 403, 403, 404, 401, 401], personRapportor: 404),
        Route(method: .get, path: "/api/v1/kvitton/{receipt}", expected: [200, 200, 200, 200, 200, 200, 200]),
        Route(method: .get, path: "/api/v1/kvitton/kvitto_guessed", expected: [404, 404, 404, 404, 404, 404, 404]),
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
        ("lex-sarah", "LXS-2025-0001", #"{"unitId":"vuxen","title":"T","reportedOn":"2025-03-02","reporterRole":"anstalld","kinds":["rojd_sekretess"]}"#, #"{"to":"under_utredning"}"#),
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
                Route(method: .get, path: base, expected: [200, 200, 403, 403, 200, 401, 401], personRapportor: 200),
                Route(method: .get, path: base + "?format=csv&includeText=true", expected: [200, 200, 403, 403, 200, 401, 401]),
                Route(method: .get, path: record, expected: [200, 200, 403, 403, 404, 401, 401], personRapportor: 404),
        Route(method: .get, path: "/api/v1/kvitton/{receipt}", expected: [200, 200, 200, 200, 200, 200, 200]),
        Route(method: .get, path: "/api/v1/kvitton/kvitto_guessed", expected: [404, 404, 404, 404, 404, 404, 404]),
                Route(method: .get, path: record + "/history", expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .patch, path: record, body: #"{"title":"Ny"}"#, contentType: "application/merge-patch+json", ifMatch: true,
                      expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .post, path: record + "/transitions", body: family.firstStep, ifMatch: true, expected: [200, 200, 403, 403, 404, 401, 401]),
                Route(method: .delete, path: record + "?reason=dubblett", ifMatch: true, expected: [200, 200, 403, 403, 404, 401, 401]),
            ]
        } + [
            Route(method: .post, path: "/api/v1/lex-sarah/LXS-2025-0001/notes",
                  body: #"{"documentedOn":"2025-03-04","source":"Intervju","kind":"faktum","authorName":"Eva","authorTitle":"Utredare","text":"T"}"#,
                  expected: [201, 201, 403, 403, 404, 401, 401],
                  signedIn: ["person-admin": 422, "person-kvalitet": 422]),
            Route(method: .get, path: "/api/v1/kvalitetsberattelse/2025", expected: [200, 200, 403, 200, 200, 401, 401]),
            Route(method: .get, path: "/api/v1/kvalitetsberattelse/2025?unitId=vuxen", expected: [200, 200, 403, 200, 404, 401, 401]),
        ]
    }

    @Test(arguments: routes + familyRoutes)
    func everyCallerGetsTheStatusItsRoleAndUnitsAllow(route: Route) async throws {
        for (index, caller) in Self.callers.enumerated() {
            try await check(route, as: caller, expecting: route.expected[index])
        }
    }

    @Test(arguments: routes + familyRoutes)
    func everySignedInCallerGetsTheStatusOfItsRoleAndEveryRefusedCredentialA401(route: Route) async throws {
        for (caller, column) in Self.signInColumns {
            let expected = route.signedIn[caller]
                ?? (caller == "person-rapportor" ? route.personRapportor : nil) ?? route.expected[column]
            try await check(route, as: caller, expecting: expected)
        }
    }

    private func check(_ route: Route, as caller: String?, expecting expected: Int) async throws {
        var app = try await TestApp.makeWithSignIn()
        let setup = Actor(tokenName: "setup", role: .admin, unitScope: nil)
        let tokens = app.services.tokens
        app.tokens["revoked"] = try await tokens.create(name: "revoked", role: .admin, unitIds: [], by: setup)
        try await tokens.revoke(name: "revoked", by: setup)
        try await app.run { client in
            _ = try await client.createAvvikelse(unit: "vuxen")
            for family in Self.families where route.path.hasPrefix("/api/v1/\(family.path)") {
                _ = try await client.post(family.path, family.create)
            }
            let form = try await client.send(.post, "/api/v1/avvikelser", as: "rapportor", json: Self.newAvvikelse)
            let path = route.path.replacingOccurrences(of: "{receipt}", with: form.json["receipt"] as? String ?? "")
            let reply = try await client.send(route.method, path, as: caller, json: route.body,
                                              contentType: route.contentType, headers: route.ifMatch ? [.ifMatch: "\"1\""] : [:])
            #expect(Int(reply.status.code) == expected, "\(caller ?? "no token"): \(reply.body.prefix(200))")
            if reply.status.code >= 400 { #expect(reply.isProblem) }
        }
    }
}
