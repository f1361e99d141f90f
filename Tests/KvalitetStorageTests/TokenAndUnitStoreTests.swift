import Crypto
import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

@Suite("Tokens and units")
struct TokenAndUnitStoreTests {
    let admin = TestDatabase.admin

    @Test func aTokenIsStoredOnlyAsItsHashAndAuthenticatesWithItsRoleAndUnits() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let tokens = TokenStore(test.database)
        let secret = try await tokens.create(name: "ifo-dash", role: .lasare, unitIds: ["ifo"], by: admin)
        #expect(secret.hasPrefix("kv_") && secret.count >= 46)
        let stored = try await test.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT hash FROM tokens") }
        #expect(stored.map(Array.init) == Array(SHA256.hash(data: Data(secret.utf8))))
        let fileBytes = try Data(contentsOf: URL(fileURLWithPath: test.database.path + "-wal"))
            + Data(contentsOf: URL(fileURLWithPath: test.database.path))
        #expect(fileBytes.range(of: Data(secret.utf8)) == nil)
        let actor = try await tokens.authenticate(secret)
        #expect(actor == .valid(Actor(tokenName: "ifo-dash", role: .lasare, unitScope: ["ifo"])))
        #expect(try await tokens.authenticate(secret + "x") == .unknown)
    }

    @Test func aRevokedTokenNoLongerAuthenticatesAndTheRevocationIsAudited() async throws {
        let test = try TestDatabase()
        let tokens = TokenStore(test.database)
        let secret = try await tokens.create(name: "old", role: .kvalitet, unitIds: [], by: admin)
        try await tokens.revoke(name: "old", by: admin)
        #expect(try await tokens.authenticate(secret) == .unknown)
        #expect(try await tokens.list().first?.revokedAt != nil)
        let actions = try await AuditLog(test.database).entries(AuditQuery()).map(\.action)
        #expect(actions == ["token_revoke", "token_create"])
    }

    @Test func tokenNamesAreNeverReused() async throws {
        let test = try TestDatabase()
        let tokens = TokenStore(test.database)
        _ = try await tokens.create(name: "form", role: .rapportor, unitIds: [], by: admin)
        await #expect(throws: DomainError.self) { try await tokens.create(name: "form", role: .rapportor, unitIds: [], by: admin) }
    }

    @Test func theFirstAdminTokenIsCreatedOnlyOnAnEmptyDatabase() async throws {
        let test = try TestDatabase()
        let tokens = TokenStore(test.database)
        #expect(try await tokens.createInitialAdminIfNone() != nil)
        #expect(try await tokens.createInitialAdminIfNone() == nil)
    }

    @Test func aUnitInheritsItsAreaFromTheNearestAncestorThatSetsOne() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let tree = try await UnitStore(test.database).tree()
        #expect(tree.effectiveArea(of: "ifo-utr-s1") == "Barn och unga")
        #expect(tree.effectiveArea(of: "vuxen-boende") == "Vuxna")
    }

    @Test func placingAUnitUnderItsOwnSubUnitIsAConflict() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let units = UnitStore(test.database)
        await #expect(throws: DomainError.self) {
            try await units.put(OrgUnit(id: "ifo", name: "IFO", level: .forvaltning, parentId: "ifo-utr-s1", area: nil), by: admin)
        }
        #expect(try await units.get(id: "ifo")?.parentId == nil)
    }

    @Test func aUnitWithRecordsCannotBeRemovedButAnUnusedOneCan() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let units = UnitStore(test.database)
        _ = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(unit: "ifo-utr-s1"), by: admin)
        await #expect(throws: DomainError.self) { try await units.delete(id: "ifo-utr-s1", by: admin) }
        try await units.put(OrgUnit(id: "tillfallig", name: "Tillfällig", level: .sektion, parentId: "vuxen", area: nil), by: admin)
        try await units.delete(id: "tillfallig", by: admin)
        #expect(try await units.get(id: "tillfallig") == nil)
    }
}
