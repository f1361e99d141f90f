import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// What scripts/contract (schemathesis against openapi.yaml) and probing around it found, each
/// fixed in the server so that it does what openapi.yaml says.
@Suite("Contract findings")
struct ContractFindingsTests {
    /// schemathesis: `DELETE …?reason=<control character>` with a body reason was voided (200);
    /// a bad query parameter must be 400 whatever else the request says.
    @Test func aBadQueryReasonIsRefusedEvenWhenTheBodyGivesOne() async throws {
        try await TestApp.make().run { client in
            let id = try await client.createAvvikelse()
            let path = "/api/v1/avvikelser/\(id)"
            let reply = try await client.send(.delete, path + "?reason=o%0Fh", json: #"{"reason":"dubblett"}"#, headers: [.ifMatch: "\"1\""])
            #expect(reply.status == .badRequest)
            #expect((reply.json["errors"] as? [[String: Any]])?.first?["parameter"] as? String == "reason")
            let record = try await client.send(.get, path)
            #expect(record.json["voided"] is NSNull)
            #expect(record.json["version"] as? Int == 1)
            let fine = try await client.send(.delete, path + "?reason=fel", json: #"{"reason":"dubblett"}"#, headers: [.ifMatch: "\"1\""])
            #expect(fine.status == .ok)
            #expect((fine.json["voided"] as? [String: Any])?["reason"] as? String == "dubblett")
        }
    }

    /// Lengths counted as characters a reader sees let 300 code points through as a 150-character
    /// title, which the database (SQLite's length(), code points) then refused as "violates a
    /// database rule" at the pointer "". openapi.yaml's maxLength counts code points too.
    @Test func textLengthsCountCodePointsAsTheSpecAndTheDatabaseDo() async throws {
        try await TestApp.make().run { client in
            // q + acute has no precomposed form, so NFC (every text is stored so) keeps both code points.
            let decomposed = String(repeating: "q\u{301}", count: 150)  // 150 characters, 300 code points
            let body = #"{"unitId":"ifo-utr","title":"\#(decomposed)","receivedOn":"2025-03-02","category":"dokumentation"}"#
            let long = try await client.send(.post, "/api/v1/avvikelser", json: body)
            #expect(long.status == .unprocessableContent)
            #expect(long.pointers == ["/title"])
            #expect((long.json["detail"] as? String)?.contains("at most 200 characters (is 300)") == true)
            let fits = String(repeating: "q\u{301}", count: 100)  // 200 code points
            try await client.create("/api/v1/avvikelser", body.replacingOccurrences(of: decomposed, with: fits))
            let query = String(repeating: "q\u{301}", count: 100) + "e"  // 201 code points
            let search = try await client.send(.get, "/api/v1/avvikelser?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(search.status == .badRequest)
        }
    }

    /// A date before the year 1000 got past validation and was refused by the database's CHECK on the
    /// case number's year, as "violates a database rule" at the pointer "".
    @Test func datesBeforeTheYear1000AreRefusedWhereTheyAreGiven() async throws {
        try await TestApp.make().run { client in
            let body = #"{"unitId":"ifo-utr","title":"Gammal","receivedOn":"0999-12-31","category":"dokumentation"}"#
            let reply = try await client.send(.post, "/api/v1/avvikelser", json: body)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/receivedOn"])
            let list = try await client.send(.get, "/api/v1/avvikelser?from=0999-01-01")
            #expect(list.status == .badRequest)
            let audit = try await client.send(.get, "/api/v1/audit?to=0999-01-01")
            #expect(audit.status == .badRequest)
            let report = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?analysisFrom=0999-06-01")
            #expect(report.status == .badRequest)
        }
    }
}
