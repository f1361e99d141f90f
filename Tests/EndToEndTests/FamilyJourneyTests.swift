import Foundation
import Testing

/// One journey per later record family, through the real binary as its users would take it.
@Suite("The later record families, end to end", .serialized)
struct FamilyJourneyTests {
    /// A fresh database with the units the journeys use and a token per role; the server running.
    func start(environment: [String: String] = [:]) async throws -> (Kvalitet, Server, admin: String, staff: String, form: String) {
        let kvalitet = try Kvalitet()
        let admin = try kvalitet.createToken(name: "e2e-admin", role: "admin")
        let staff = try kvalitet.createToken(name: "e2e-kvalitet", role: "kvalitet")
        let form = try kvalitet.createToken(name: "e2e-formular", role: "rapportor")
        let server = try kvalitet.serve(environment: environment)
        for (id, body) in [
            ("ifo", #"{"name":"Individ- och familjeomsorg","level":"forvaltning","area":"Barn och unga"}"#),
            ("ifo-utr", #"{"name":"Utredning barn","level":"avdelning","parentId":"ifo"}"#),
            ("vuxen", #"{"name":"Vuxen","level":"avdelning","area":"Vuxna"}"#),
        ] {
            #expect(try await server.send("PUT", "/api/v1/verksamheter/\(id)", token: admin, json: body).status == 201)
        }
        return (kvalitet, server, admin, staff, form)
    }

    func step(_ server: Server, _ path: String, _ json: String, version: Int, token: String) async throws -> Server.Reply {
        try await server.send("POST", path + "/transitions", token: token, json: json, headers: ["If-Match": "\"\(version)\""])
    }

    func patch(_ server: Server, _ path: String, _ json: String, version: Int, token: String) async throws -> Server.Reply {
        try await server.send("PATCH", path, token: token, json: json, contentType: "application/merge-patch+json",
                              headers: ["If-Match": "\"\(version)\""])
    }

    @Test func aComplaintFromAFormIsInvestigatedAndClosedWithItsOutcome() async throws {
        let (kvalitet, server, _, staff, form) = try await start()
        let body = #"{"unitId":"ifo-utr","title":"Ingen återkoppling","receivedOn":"2025-05-12","source":"utomstaende","submitter":"narstaende","type":"klagomal","subject":"handlaggning"}"#
        let first = try await server.send("POST", "/api/v1/klagomal", token: form, json: body, headers: ["Idempotency-Key": "klg-1"])
        let again = try await server.send("POST", "/api/v1/klagomal", token: form, json: body, headers: ["Idempotency-Key": "klg-1"])
        #expect(first.status == 201 && again.status == 201)
        #expect(again.header("Idempotent-Replayed") == "true")
        // The form's token gets a receipt, not the record, and cannot read the record back.
        #expect(first.json["recordId"] as? String == "KLG-2025-0001")
        let receipt = first.json["receipt"] as? String ?? ""
        #expect(try await server.send("GET", "/api/v1/kvitton/\(receipt)", token: nil).json["status"] as? String == "inkommen")
        let path = "/api/v1/klagomal/KLG-2025-0001"
        #expect(try await server.send("GET", path, token: form).status == 403)
        let anonymous = try await patch(server, path, #"{"submitter":"anonym","respondedOn":"2025-05-20"}"#, version: 1, token: staff)
        #expect(anonymous.status == 422)
        #expect(try await patch(server, path, #"{"acknowledgedOn":"2025-05-13","respondedOn":"2025-05-20"}"#, version: 1, token: staff).status == 200)
        #expect(try await step(server, path, #"{"to":"under_utredning"}"#, version: 2, token: staff).status == 200)
        #expect(try await step(server, path, #"{"to":"avslutad","closedOn":"2025-06-01"}"#, version: 3, token: staff).status == 409)
        let closed = try await step(server, path, #"{"to":"avslutad","closedOn":"2025-06-01","outcome":"ingen_avvikelse"}"#, version: 3, token: staff)
        #expect(closed.status == 200)
        let csv = try await server.send("GET", "/api/v1/klagomal?format=csv&status=avslutad", token: staff)
        #expect(String(decoding: csv.body, as: UTF8.self).contains(";ingen_avvikelse;"))
        #expect(server.stop() == 0)
        #expect(try kvalitet.run(["check"]).status == 0)
    }

    @Test func aLexSarahReportGoesFromReportToIvoAndItsNotesNeverChange() async throws {
        let (kvalitet, server, admin, staff, form) = try await start()
        let reported = try await server.send("POST", "/api/v1/lex-sarah", token: form, json: """
            {"unitId":"ifo-utr","title":"Placerat barn lämnat utan tillsyn","reportedOn":"2025-03-02","reporterRole":"anstalld",
             "occurredOn":"2025-03-01","kinds":["insats_utford_felaktigt"]}
            """)
        #expect(reported.status == 201)
        let path = "/api/v1/lex-sarah/LXS-2025-0001"
        #expect(try await patch(server, path, #"{"immediateMeasures":{"description":"Extra personal insatt","takenOn":"2025-03-02"}}"#,
                                version: 1, token: staff).status == 200)
        #expect(try await step(server, path, #"{"to":"under_utredning","investigation":{"investigator":"Eva Ek","startedOn":"2025-03-03"}}"#,
                               version: 2, token: staff).status == 200)
        let note = try await server.send("POST", path + "/notes", token: staff, json: """
            {"documentedOn":"2025-03-04","source":"Intervju med enhetschef","kind":"faktum","authorName":"Eva Ek","authorTitle":"Utredare","text":"Två var i tjänst"}
            """)
        #expect(note.status == 201)
        #expect(note.header("ETag") == "\"4\"")
        #expect(try await patch(server, path, #"{"notes":[]}"#, version: 4, token: staff).status == 422)
        // Serious at first sight: IVO is told "snarast", before the investigation is done.
        let ivo = try await patch(server, path, #"{"ivo":{"reportedOn":"2025-03-05","channel":"e_tjanst","caseNumber":"3.5.1-4711/2025"}}"#,
                                  version: 4, token: staff)
        #expect(ivo.status == 200)
        #expect((ivo.json["deadlines"] as? [String: Any])?["investigationToIvoBy"] as? String == "2025-05-05")
        let overdue = try await server.send("GET", "/api/v1/lex-sarah?overdue=true", token: staff)
        #expect((overdue.json["items"] as? [[String: Any]])?.count == 1)
        let assessed = try await step(server, path, """
            {"to":"bedomd","investigation":{"completedOn":"2025-04-20","assessment":"allvarligt_missforhallande","motivation":"Barnet var utan tillsyn i två timmar"},
             "rootCauses":["rutin_ej_foljd"]}
            """, version: 5, token: staff)
        #expect(assessed.status == 200)
        #expect(try await step(server, path, #"{"to":"avslutad"}"#, version: 6, token: staff).status == 409)
        #expect(try await patch(server, path, #"{"ivo":{"investigationSentOn":"2025-04-22"},"committeeDecidedOn":"2025-05-06"}"#,
                                version: 6, token: staff).status == 200)
        let closed = try await step(server, path, #"{"to":"avslutad"}"#, version: 7, token: staff)
        #expect(closed.status == 200)
        #expect((closed.json["deadlines"] as? [String: Any])?["overdue"] as? Bool == false)
        #expect(((closed.json["notes"] as? [[String: Any]])?.first?["text"] as? String) == "Två var i tjänst")
        let history = try await server.send("GET", path + "/history", token: admin)
        #expect((history.json["items"] as? [Any])?.count == 8)
        #expect(server.stop() == 0)
        #expect(try kvalitet.run(["check"]).status == 0)
    }

    @Test func riskLevelsFollowTheConfiguredThresholds() async throws {
        let (kvalitet, server, _, staff, _) = try await start(environment: ["KVALITET_RISK_LEVELS": "2,4,8"])
        let created = try await server.send("POST", "/api/v1/riskanalyser", token: staff, json: """
            {"unitIds":["ifo-utr","vuxen"],"title":"Ny organisation för mottagningen","trigger":"forandring_organisation","plannedOn":"2025-08-15",
             "risks":[{"description":"Ärenden tappas vid överlämning","probability":3,"consequence":3,"residualProbability":1,"residualConsequence":3}]}
            """)
        #expect(created.status == 201)
        let risk = (created.json["risks"] as? [[String: Any]])?.first
        #expect(risk?["riskValue"] as? Int == 9)
        #expect(risk?["level"] as? String == "mycket_hog")
        #expect(risk?["residualLevel"] as? String == "mattlig")
        let path = "/api/v1/riskanalyser/RSK-2025-0001"
        #expect(try await step(server, path, #"{"to":"pagaende"}"#, version: 1, token: staff).status == 200)
        #expect(try await step(server, path, #"{"to":"genomford","performedOn":"2025-08-20","documented":true}"#, version: 2, token: staff).status == 200)
        #expect(try await step(server, path, #"{"to":"uppfoljd"}"#, version: 3, token: staff).status == 200)
        #expect(server.stop() == 0)
        let bad = try kvalitet.run(["migrate", "--risk-levels", "9,6,3"])
        #expect(bad.status != 0)
        #expect(bad.err.contains("--risk-levels / KVALITET_RISK_LEVELS"))
    }

    @Test func aUserSurveyIsPlannedPerformedAndReported() async throws {
        let (kvalitet, server, _, staff, _) = try await start()
        let created = try await server.send("POST", "/api/v1/egenkontroller", token: staff, json: """
            {"unitIds":["ifo"],"title":"Brukarundersökning 2025","area":"enskildas_upplevelser","method":"brukarundersokning",
             "periodFrom":"2025-01-01","periodTo":"2025-06-30","plannedOn":"2025-09-01"}
            """)
        #expect(created.status == 201)
        let path = "/api/v1/egenkontroller/EGK-2025-0001"
        #expect(try await step(server, path, #"{"to":"pagaende"}"#, version: 1, token: staff).status == 200)
        #expect(try await patch(server, path, #"{"survey":{"offered":4856,"responses":4900}}"#, version: 2, token: staff).status == 422)
        let done = try await step(server, path, """
            {"to":"genomford","performedOn":"2025-10-15","result":"47 procent svarade; de flesta nöjda","documented":true,
             "deficienciesFound":false,"survey":{"offered":4856,"responses":2283}}
            """, version: 2, token: staff)
        #expect(done.status == 200)
        #expect((done.json["survey"] as? [String: Any])?["responses"] as? Int == 2283)
        let csv = String(decoding: try await server.send("GET", "/api/v1/egenkontroller?format=csv", token: staff).body, as: UTF8.self)
        #expect(csv.contains(";4856;2283;") && !csv.contains("nöjda"))
        #expect(server.stop() == 0)
        #expect(try kvalitet.run(["check"]).status == 0)
    }

    @Test func twoDecisionsInOneIvoCaseAreRecordedClosedAndOneVoided() async throws {
        let (kvalitet, server, admin, staff, _) = try await start()
        for (date, deficiencies) in [("2025-06-10", "true"), ("2025-11-03", "false")] {
            let created = try await server.send("POST", "/api/v1/tillsynsbeslut", token: staff, json: """
                {"unitIds":["ifo-utr"],"title":"IVO:s tillsyn av utredningar","authority":"ivo","caseNumber":"3.5.1-2020/2025",
                 "decidedOn":"\(date)","subject":"tillsyn_myndighetsutovning","deficienciesFound":\(deficiencies)}
                """)
            #expect(created.status == 201)
        }
        #expect(try await step(server, "/api/v1/tillsynsbeslut/TSB-2025-0001", #"{"to":"avslutat","summary":"Åtgärdat"}"#,
                               version: 1, token: staff).status == 200)
        let voided = try await server.send("DELETE", "/api/v1/tillsynsbeslut/TSB-2025-0002", token: admin,
                                           json: #"{"reason":"registrerad två gånger"}"#, headers: ["If-Match": "\"1\""])
        #expect(voided.status == 200)
        let list = try await server.send("GET", "/api/v1/tillsynsbeslut?category=tillsyn_myndighetsutovning", token: staff)
        #expect((list.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["TSB-2025-0001"])
        #expect(server.stop() == 0)
        #expect(try kvalitet.run(["check"]).status == 0)
    }
}
