import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetServer
@testable import KvalitetStorage
import TestSupport
import Testing

/// The e-arkiv and gallring together, with the clock moved between steps: a rule that requires the
/// e-arkiv holds a gallring back until a delivery made after each record's last change.
@Suite("E-arkiv deliveries and gallring", .serialized)
struct EarkivGallringTests {
    static let jan2026 = TestApp.noon
    static let later = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    static let asOf = LocalDate("2030-01-01")!

    func folder() throws -> URL { URL(fileURLWithPath: try TestFolders.make("earkiv")) }

    @Test func aRunIsRefusedBeforeTheExportAndRemovesTheDeliveredRecordsAfterIt() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let clock = MovableClock(Self.jan2026)
        let app = try await TestApp.make { $0.clock = clock }
        let cases = EarkivCases(database: app.services.database)
        try await cases.rule(.avvikelse, earkiv: true)
        let first = try await cases.closedAvvikelse()
        let second = try await cases.closedAvvikelse(title: "Fel dos", on: "2025-04-01")
        let gallring = GallringStore(app.services.database)
        await #expect(throws: DomainError.self) {
            try await gallring.run(decision: "Dnr SN 2030/1", asOf: Self.asOf, withoutEarkiv: nil, by: cases.admin)
        }
        clock.set(Self.later)
        let export = EarkivExport(app.services.database, weasyprint: weasyprint, clock: clock)
        let result = try await export.export(year: 2025, families: [.avvikelse], to: try folder(), by: cases.admin)
        #expect(result.leverans.records == 2)
        let removed = try await gallring.run(
            decision: "Dnr SN 2030/1", asOf: Self.asOf, withoutEarkiv: nil, by: cases.admin)
        #expect(removed.removed == 2)
        let (records, ledger) = try await app.services.database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE family = 'avvikelse'") ?? -1,
             try String.fetchAll(db, sql: "SELECT id FROM gallrade_records ORDER BY id"))
        }
        #expect(records == 0)
        #expect(ledger == [first.id.description, second.id.description])
    }

    @Test func aRecordChangedAfterItsDeliveryIsRefusedAgainUntilDeliveredAnew() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let clock = MovableClock(Self.jan2026)
        let app = try await TestApp.make { $0.clock = clock }
        let cases = EarkivCases(database: app.services.database)
        try await cases.rule(.avvikelse, earkiv: true)
        let record = try await cases.closedAvvikelse()
        let export = EarkivExport(app.services.database, weasyprint: weasyprint, clock: clock)
        clock.set(Self.later)
        _ = try await export.export(year: 2025, families: [.avvikelse], to: try folder(), by: cases.admin)
        clock.set(Self.later.addingTimeInterval(3600))
        _ = try await RecordStore<Avvikelse>(app.services.database).void(
            record.id, expectedVersion: record.version, reason: "Registrerad två gånger", by: cases.admin)
        let gallring = GallringStore(app.services.database)
        #expect(try await gallring.plan(asOf: Self.asOf).map(\.undelivered) == [1])
        await #expect(throws: DomainError.self) {
            try await gallring.run(decision: "Dnr 2", asOf: Self.asOf, withoutEarkiv: nil, by: cases.admin)
        }
        clock.set(Self.later.addingTimeInterval(7200))
        _ = try await export.export(year: 2025, families: [.avvikelse], to: try folder(), by: cases.admin)
        #expect(try await gallring.plan(asOf: Self.asOf).map(\.undelivered) == [0])
        #expect(try await gallring.run(decision: "Dnr 2", asOf: Self.asOf, withoutEarkiv: nil, by: cases.admin)
            .removed == 1)
    }

    @Test func casesWhoseRuleNeedsNoEarkivAndOpenCasesAreLeftOutAndNothingIsDelivered() async throws {
        guard let tools = EarkivTools.available() else { return }
        let weasyprint = tools.weasyprint
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        try await cases.rule(.avvikelse, earkiv: false)
        _ = try await cases.closedAvvikelse()
        let export = EarkivExport(app.services.database, weasyprint: weasyprint, clock: FixedClock(Self.later))
        let target = try folder()
        await #expect(throws: EarkivError.nothingToDeliver(
            "no closed case of 2025 (avvikelse) to deliver: 0 still open, 1 left out by rule (no e-arkiv required)"
        )) {
            try await export.export(year: 2025, families: [.avvikelse], to: target, by: cases.admin)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        #expect(try await EarkivStore(app.services.database).list(before: nil, limit: 10).isEmpty)
    }

    @Test func aCaseWithoutARuleIsDeliveredAndAnOpenCaseWaits() async throws {
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        let closed = try await cases.closedAvvikelse()
        _ = try await RecordStore<Avvikelse>(app.services.database).create(
            Avvikelse.Fields(unitId: "ifo-utr", title: "Pågår", receivedOn: LocalDate("2025-05-05")!,
                             category: .dokumentation), by: cases.admin)
        let urval = try await EarkivStore(app.services.database).urval(year: 2025, families: [.avvikelse])
        #expect(urval.cases.map(\.id) == [closed.id.description])
        #expect(urval.open == 1 && urval.leftOutByRule == 0)
    }

    @Test func aDeliveryIsRefusedWhenACaseChangedWhileThePackageWasMade() async throws {
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        let record = try await cases.closedAvvikelse()
        let store = EarkivStore(app.services.database)
        let urval = try await store.urval(year: 2025, families: [.avvikelse])
        _ = try await RecordStore<Avvikelse>(app.services.database).void(
            record.id, expectedVersion: record.version, reason: "Fel enhet", by: cases.admin)
        let leverans = EarkivLeverans(
            packageId: "kvalitet-2025-stale", madeAt: Self.later, madeBy: "admin", year: 2025, families: [.avvikelse],
            records: 1, metsSha256: String(repeating: "0", count: 64))
        await #expect(throws: DomainError.self) {
            try await store.record(leverans, cases: urval.cases, by: cases.admin)
        }
        let stored = try await app.services.database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM earkiv_leveranser") ?? -1)
                + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM earkiv_leverans_records") ?? -1)
                + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'earkiv_leverans'") ?? -1)
        }
        #expect(stored == 0)
    }

    @Test func aMissingWeasyprintIsAClearErrorAndNothingIsWrittenOrDelivered() async throws {
        let app = try await TestApp.make()
        let cases = EarkivCases(database: app.services.database)
        _ = try await cases.closedAvvikelse()
        let export = EarkivExport(
            app.services.database, weasyprint: "/nonexistent/weasyprint", clock: FixedClock(Self.later))
        let target = try folder()
        do {
            _ = try await export.export(year: 2025, families: [.avvikelse], to: target, by: cases.admin)
            Issue.record("the export went through without weasyprint")
        } catch let error as EarkivError {
            #expect(error == .rendererMissing("/nonexistent/weasyprint"))
            #expect(error.description.contains("apt-get install weasyprint"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        #expect(try await EarkivStore(app.services.database).list(before: nil, limit: 10).isEmpty)
    }

    @Test func deliveriesAreListedNewestFirstInPagesForAdminsOnly() async throws {
        let app = try await TestApp.make()
        let store = EarkivStore(app.services.database)
        let admin = Actor(tokenName: "admin", role: .admin, unitScope: nil)
        for (index, year) in [2023, 2024, 2025].enumerated() {
            try await store.record(
                EarkivLeverans(
                    packageId: "kvalitet-\(year)-p", madeAt: Self.later.addingTimeInterval(Double(index)),
                    madeBy: "admin", year: year, families: [.avvikelse, .lexSarah], records: 0,
                    metsSha256: String(repeating: "ab", count: 32)),
                cases: [], by: admin)
        }
        try await app.run { client in
            let first = try await client.send(.get, "/api/v1/earkiv/leveranser?limit=2")
            #expect(first.status == .ok)
            #expect(first.items.map { $0["packageId"] as? String } == ["kvalitet-2025-p", "kvalitet-2024-p"])
            #expect(first.items.first?["families"] as? [String] == ["avvikelse", "lex_sarah"])
            #expect(first.items.first?["madeAt"] as? String == "2027-01-15T08:00:02.000Z")
            #expect(first.items.first?["metsSha256"] as? String == String(repeating: "ab", count: 32))
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await client.send(.get, "/api/v1/earkiv/leveranser?limit=2&cursor=\(cursor)")
            #expect(second.items.map { $0["packageId"] as? String } == ["kvalitet-2023-p"])
            #expect(second.json["nextCursor"] is NSNull)
            #expect(try await client.send(.get, "/api/v1/earkiv/leveranser", as: "kvalitet").status == .forbidden)
            let bad = try await client.send(.get, "/api/v1/earkiv/leveranser?cursor=zz")
            #expect(bad.status == .badRequest)
        }
    }
}
