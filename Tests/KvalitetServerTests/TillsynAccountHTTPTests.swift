import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Testing

/// A tillsynsbeslut's account of measures over HTTP: the two dates, the deadline computed on read,
/// `?overdue=`, the CSV columns and the stored facts (the clock stands on 2026-01-15).
@Suite("Tillsynsbeslut account of measures over HTTP")
struct TillsynAccountHTTPTests {
    let tsb = Family.tillsynsbeslut
    let path = "/api/v1/tillsynsbeslut/TSB-2025-0001"

    var withAccountDue: String {
        tsb.body.replacingOccurrences(of: #""deficienciesFound":true"#,
                                      with: #""deficienciesFound":true,"accountDueOn":"2025-12-01""#)
    }

    @Test func anUnsentAccountPastItsDateIsOverdueAndListedAsSuch() async throws {
        try await TestApp.make().run { client in
            let created = try await client.create(tsb.collection, withAccountDue)
            #expect(created.status == .created)
            #expect(created.json["accountDueOn"] as? String == "2025-12-01")
            #expect(created.json["accountSentOn"] is NSNull)
            let deadlines = created.json["deadlines"] as? [String: Any]
            #expect(deadlines?["accountBy"] as? String == "2025-12-01")
            #expect(deadlines?["overdue"] as? Bool == true)
            let overdue = try await client.send(.get, tsb.collection + "?overdue=true")
            #expect(overdue.items.map { $0["id"] as? String } == ["TSB-2025-0001"])
            #expect(try await client.send(.get, tsb.collection + "?overdue=false").items.isEmpty)
        }
    }

    @Test func sendingTheAccountEndsTheDeadlineAndIsStoredAsAFact() async throws {
        let app = try await TestApp.make()
        try await app.run { client in
            try await client.create(tsb.collection, withAccountDue)
            let sent = try await client.patch(path, #"{"accountSentOn":"2026-01-10"}"#, version: 1)
            #expect(sent.status == .ok)
            let deadlines = sent.json["deadlines"] as? [String: Any]
            #expect(deadlines?["accountBy"] is NSNull)
            #expect(deadlines?["overdue"] as? Bool == false)
            #expect(try await client.send(.get, tsb.collection + "?overdue=true").items.isEmpty)
            let csv = try await client.send(.get, tsb.collection + "?format=csv")
            #expect(csv.body.contains(";accountDueOn;accountSentOn;deadlines.accountBy;deadlines.overdue;"))
            #expect(csv.body.contains(";2025-12-01;2026-01-10;;false;"))
        }
        let facts = try await app.services.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT account_due_on, account_sent_on FROM tillsynsbeslut_facts")
        }
        #expect(facts?["account_due_on"] == "2025-12-01")
        #expect(facts?["account_sent_on"] == "2026-01-10")
    }

    @Test func accountDatesBeforeTheDecisionOrSentInTheFutureAreRefusedWithCodesAndChangeNothing() async throws {
        try await TestApp.make().run { client in
            let body = tsb.body.replacingOccurrences(
                of: #""deficienciesFound":true"#,
                with: #""deficienciesFound":true,"accountDueOn":"2025-09-30","accountSentOn":"2026-01-16""#)
            let reply = try await client.send(.post, tsb.collection, json: body)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.pointers == ["/accountDueOn", "/accountSentOn"])
            let codes = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes == ["before", "in_future"])
            let wrongType = try await client.send(.post, tsb.collection, json: body
                .replacingOccurrences(of: #""2025-09-30""#, with: "20251201"))
            #expect(wrongType.pointers.first == "/accountDueOn")
            #expect(try await client.send(.get, tsb.collection).items.isEmpty)
        }
    }
}
