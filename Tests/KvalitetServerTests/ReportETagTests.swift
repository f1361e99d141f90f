import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Dashboards poll the report: an unchanged one is a 304 without a body, a changed one is never.
@Suite("Kvalitetsberättelse: ETag and If-None-Match")
struct ReportETagTests {
    private let path = "/api/v1/kvalitetsberattelse/2025"

    @Test func anUnchangedReportAnswersItsETagWith304AndNoBody() async throws {
        try await TestApp.make().run { client in
            try await client.avvikelse(received: "2025-03-02")
            let first = try await client.send(.get, path, as: "lasare")
            let tag = try #require(first.headers[.eTag])
            #expect(tag.range(of: #"^W/"[0-9a-f]{24}"$"#, options: .regularExpression) != nil, "\(tag)")
            #expect(first.headers[.cacheControl] == "private, no-cache")
            let again = try await client.send(.get, path, as: "lasare", headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            #expect(again.headers[.eTag] == tag)
            let listed = try await client.send(.get, path, as: "lasare", headers: [.ifNoneMatch: "W/\"other\", \(tag)"])
            #expect(listed.status == .notModified)
        }
    }

    @Test func anyWriteThatCountsChangesTheETagAndTheFiguresCome() async throws {
        try await TestApp.make().run { client in
            let before = try await client.send(.get, path, as: "lasare")
            let tag = try #require(before.headers[.eTag])
            try await client.avvikelse(received: "2025-03-02")
            let after = try await client.send(.get, path, as: "lasare", headers: [.ifNoneMatch: tag])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != tag)
            #expect(figure(after.json, "received.kvalitetsavvikelser.count") as? Int == 1)
        }
    }

    @Test func aUnitChangeAlsoChangesTheETag() async throws {
        try await TestApp.make().run { client in
            let tag = try #require(try await client.send(.get, path, as: "lasare").headers[.eTag])
            let put = try await client.send(.put, "/api/v1/verksamheter/vuxen-ny", json: #"{"name":"Ny","level":"sektion","parentId":"vuxen"}"#)
            #expect(put.status == .created || put.status == .ok, "\(put.body)")
            #expect(try await client.send(.get, path, as: "lasare", headers: [.ifNoneMatch: tag]).status == .ok)
        }
    }

    @Test func theETagDiffersByFormatScopeAndRequest() async throws {
        try await TestApp.make().run { client in
            let json = try #require(try await client.send(.get, path, as: "lasare").headers[.eTag])
            let csv = try #require(try await client.send(.get, path + "?format=csv", as: "lasare").headers[.eTag])
            let scoped = try #require(try await client.send(.get, path, as: "ifo-kvalitet").headers[.eTag])
            let unit = try #require(try await client.send(.get, path + "?unitId=ifo", as: "lasare").headers[.eTag])
            #expect(Set([json, csv, scoped, unit]).count == 4)
            // Another scope's tag never validates this caller's report.
            #expect(try await client.send(.get, path, as: "ifo-kvalitet", headers: [.ifNoneMatch: json]).status == .ok)
        }
    }

    @Test func anEmptyOrMalformedIfNoneMatchGetsTheFullReport() async throws {
        try await TestApp.make().run { client in
            for header in ["", "garbage", "W/", "\"unterminated"] {
                let reply = try await client.send(.get, path, as: "lasare", headers: [.ifNoneMatch: header])
                #expect(reply.status == .ok, "If-None-Match: \(header)")
                #expect(reply.headers[.eTag] != nil)
            }
        }
    }

    @Test func badParametersAreStill400WithAnIfNoneMatch() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, path + "?format=pdf", as: "lasare", headers: [.ifNoneMatch: "*"])
            #expect(reply.status == .badRequest)
            #expect(reply.isProblem)
        }
    }
}
