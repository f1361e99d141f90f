import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// Fields of the later families, valid against `TestDatabase.seedUnits()`.
enum Families {
    static func klagomal(unit: String = "ifo-utr") -> Klagomal.Fields {
        Klagomal.Fields(unitId: unit, title: "Otrevligt bemötande", receivedOn: LocalDate("2025-03-02")!, source: .utomstaende,
                        submitter: .brukare, type: .klagomal, subject: .bemotande)
    }

    static func lexSarah(ivo: String? = nil) -> LexSarah.Fields {
        var fields = LexSarah.Fields(unitId: "ifo-utr", title: "Barn lämnat utan tillsyn", reportedOn: LocalDate("2025-03-02")!,
                                     reporterRole: .anstalld, kinds: [.insatsUtfordFelaktigt], rootCauses: [.rutinEjFoljd])
        if let ivo { fields.ivo = .init(reportedOn: LocalDate(ivo)!, channel: .eTjanst) }
        return fields
    }

    static func riskanalys(units: [String] = ["ifo-utr", "vuxen"], risks: [(Int, Int)] = [(2, 4), (1, 3)]) -> Riskanalys.Fields {
        Riskanalys.Fields(unitIds: units, title: "Nytt journalsystem", trigger: .nyttArbetssatt, plannedOn: LocalDate("2025-09-01"),
                          risks: risks.map { Risk(description: "risk", probability: $0.0, consequence: $0.1) })
    }

    static let note = LexSarahNoteDraft(documentedOn: LocalDate("2025-03-04"), source: "Intervju", kind: .faktum,
                                        authorName: "Eva Ek", authorTitle: "Utredare", text: "Två var i tjänst")
}

@Suite("The stores of the later families")
struct FamilyStoreTests {
    let admin = TestDatabase.admin

    @Test func aComplaintsFactsFollowItsChanges() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Klagomal>(test.database)
        let created = try await store.create(Families.klagomal(), by: admin).record
        #expect(created.id.description == "KLG-2025-0001")
        _ = try await store.change(created.id, expectedVersion: 1, by: admin, action: .transition) { current, _ in
            var next = current
            next.status = .avslutad
            next.fields.closedOn = LocalDate("2025-04-01")
            next.fields.outcome = .ingenAvvikelse
            return next
        }
        let row = try await test.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT status, closed_on, outcome, source, voided FROM klagomal_facts WHERE record_id = 'KLG-2025-0001'")
        }
        #expect(row?["status"] == "avslutad")
        #expect(row?["closed_on"] == "2025-04-01")
        #expect(row?["outcome"] == "ingen_avvikelse")
        #expect(row?["voided"] == 0)
    }

    @Test func notesGoToAnAppendOnlyTableTheSchemaGuards() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<LexSarah>(test.database)
        let report = try await store.create(Families.lexSarah(), by: admin).record
        for _ in 0..<2 {
            _ = try await store.change(report.id, expectedVersion: nil, by: admin, action: .note) { current, today in
                var next = current
                next.fields = try LexSarah.appending(Families.note, to: current.fields, at: Date(), by: "admin", today: today)
                return next
            }
        }
        let numbers = try await test.database.pool.read { db in
            try Int.fetchAll(db, sql: "SELECT number FROM lex_sarah_notes WHERE record_id = ? ORDER BY number", arguments: [report.id.description])
        }
        #expect(numbers == [1, 2])
        for sql in ["UPDATE lex_sarah_notes SET text = 'x'", "DELETE FROM lex_sarah_notes",
                    "INSERT INTO lex_sarah_notes VALUES ('\(report.id)', 5, '2025-03-04', 's', 'faktum', 'n', 't', 'x', 'a', 'b')"] {
            await #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try await test.database.pool.write { db in try db.execute(sql: sql) }
            }
        }
    }

    @Test func theStoreRefusesAnyChangeThatRemovesANote() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<LexSarah>(test.database)
        let report = try await store.create(Families.lexSarah(), by: admin).record
        let noted = try await store.change(report.id, expectedVersion: 1, by: admin, action: .note) { current, today in
            var next = current
            next.fields = try LexSarah.appending(Families.note, to: current.fields, at: Date(), by: "admin", today: today)
            return next
        }
        await #expect(throws: DomainError.self) {
            try await store.change(report.id, expectedVersion: 2, by: admin, action: .update) { current, _ in
                var next = current
                next.fields.notes = []
                return next
            }
        }
        // Timestamps are stored to the millisecond, so compare what the note says.
        #expect(try await store.read(report.id, by: admin).fields.notes.map(\.text) == noted.fields.notes.map(\.text))
        let audit = try await AuditLog(test.database).entries(AuditQuery(recordId: report.id.description)).map(\.action)
        #expect(audit.contains("note"))
    }

    @Test func overdueListsOnlyReportsWhoseInvestigationIsLateAtIvo() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<LexSarah>(test.database)
        let late = try await store.create(Families.lexSarah(ivo: "2025-10-01"), by: admin).record
        let inTime = try await store.create(Families.lexSarah(ivo: "2025-12-01"), by: admin).record
        let none = try await store.create(Families.lexSarah(), by: admin).record
        #expect(try await store.list(RecordQuery(overdue: true), by: admin).items.map(\.id) == [late.id])
        #expect(try await store.list(RecordQuery(overdue: false), by: admin).items.map(\.id) == [none.id, inTime.id])
    }

    @Test func risksAreStoredWithValueAndLevelAndReleveledWhenTheThresholdsChange() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        _ = try await RecordStore<Riskanalys>(test.database).create(Families.riskanalys(risks: [(2, 4), (1, 3), (4, 4)]), by: admin)
        let levels = { try await test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT level FROM riskanalys_risks ORDER BY position")
        } }
        #expect(try await levels() == ["hog", "lag", "mycket_hog"])
        let stricter = RecordStore<Riskanalys>(test.database, settings: RecordSettings(riskLevels: RiskLevels(lagMax: 2, mattligMax: 8, hogMax: 12)!))
        #expect(try stricter.relevelRisks() == 2)
        #expect(try await levels() == ["mattlig", "mattlig", "mycket_hog"])
        #expect(try stricter.relevelRisks() == 0)
    }

    @Test func aScopedActorMayChangeARecordThatAlsoNamesOtherUnitsButNotAddOne() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Riskanalys>(test.database)
        let shared = try await store.create(Families.riskanalys(units: ["ifo-utr", "vuxen"]), by: admin).record
        let scoped = Actor(tokenName: "ifo-staff", role: .kvalitet, unitScope: ["ifo"])
        let changed = try await store.change(shared.id, expectedVersion: 1, by: scoped, action: .update) { current, _ in
            var next = current
            next.fields.documented = true
            return next
        }
        #expect(changed.fields.documented)
        await #expect(throws: DomainError.invalid([FieldProblem("/unitIds/1", .unknownUnit(unitId: "vuxen"))])) {
            try await store.create(Families.riskanalys(units: ["ifo-utr", "vuxen"]), by: scoped)
        }
        let linked = try await test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT unit_id FROM record_units WHERE record_id = ? ORDER BY unit_id", arguments: [shared.id.description])
        }
        #expect(linked == ["ifo-utr", "vuxen"])
    }

    @Test func voidingMarksTheFactsSoAggregatesSkipThem() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let store = RecordStore<Tillsynsbeslut>(test.database)
        let decision = try await store.create(Tillsynsbeslut.Fields(
            unitIds: ["ifo"], title: "IVO", authority: .ivo, caseNumber: "3.5.1-1/2025", decidedOn: LocalDate("2025-10-01")!,
            subject: .lexSarah, deficienciesFound: false), by: admin).record
        _ = try await store.change(decision.id, expectedVersion: 1, by: admin, action: .void) { current, today in
            var next = current
            next.voided = Voiding(on: today, reason: "dubblett", by: "admin")
            return next
        }
        let voided = try await test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT voided FROM tillsynsbeslut_facts") }
        #expect(voided == 1)
    }

    @Test func theFactsTablesRefuseContradictionsThemselves() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let report = try await RecordStore<LexSarah>(test.database).create(Families.lexSarah(), by: admin).record
        for sql in [
            "UPDATE lex_sarah_facts SET assessment = 'missforhallande', ivo_reported_on = '2025-03-05', ivo_channel = 'post'",
            "UPDATE lex_sarah_facts SET status = 'bedomd'",
            "UPDATE lex_sarah_facts SET ivo_reported_on = '2025-03-05'",
        ] {
            await #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try await test.database.pool.write { db in try db.execute(sql: sql + " WHERE record_id = ?", arguments: [report.id.description]) }
            }
        }
    }
}
