import Foundation
import GRDB
import KvalitetDomain
import Synchronization
import Testing

@testable import KvalitetStorage

/// A clock the test moves by hand.
final class ManualClock: KvalitetClock {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    func now() -> Date { instant.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Machine tokens: expiry, last use, rotation")
struct MachineTokenTests {
    let admin = TestDatabase.admin

    @Test func aTokenPastItsExpiryIsRefusedAsExpiredWithItsName() async throws {
        let clock = ManualClock(TestDatabase.noon)
        let test = try TestDatabase(clock: clock)
        let tokens = TokenStore(test.database)
        let expiry = TestDatabase.noon.addingTimeInterval(3600)
        let secret = try await tokens.create(name: "nightly", role: .lasare, unitIds: [], expiresAt: expiry, by: admin)
        #expect(
            try await tokens.authenticate(secret) == .valid(Actor(tokenName: "nightly", role: .lasare, unitScope: nil))
        )
        clock.advance(3600)
        #expect(try await tokens.authenticate(secret) == .expired(name: "nightly", at: expiry))
        #expect(try await tokens.list().first?.expiresAt == expiry)
    }

    @Test func anExpiryInThePastIsRefusedAtCreation() async throws {
        let test = try TestDatabase()
        await #expect(throws: DomainError.self) {
            try await TokenStore(test.database).create(
                name: "late", role: .lasare, unitIds: [],
                expiresAt: TestDatabase.noon.addingTimeInterval(-1), by: admin)
        }
    }

    @Test func lastUseIsWrittenAtMostOnceAMinute() async throws {
        let clock = ManualClock(TestDatabase.noon)
        let test = try TestDatabase(clock: clock)
        let tokens = TokenStore(test.database)
        let secret = try await tokens.create(name: "dash", role: .lasare, unitIds: [], by: admin)
        #expect(try await tokens.list().first?.lastUsedAt == nil)
        _ = try await tokens.authenticate(secret)
        clock.advance(59)
        _ = try await tokens.authenticate(secret)
        #expect(try await tokens.list().first?.lastUsedAt == TestDatabase.noon)
        clock.advance(1)
        _ = try await tokens.authenticate(secret)
        #expect(try await tokens.list().first?.lastUsedAt == TestDatabase.noon.addingTimeInterval(60))
    }

    @Test func rotationGivesANewSecretForTheSameNameRoleAndUnitsAndTheOldOneStopsAtOnce() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        let tokens = TokenStore(test.database)
        let old = try await tokens.create(name: "ifo-form", role: .rapportor, unitIds: ["ifo"], by: admin)
        let new = try await tokens.rotate(name: "ifo-form", by: admin)
        #expect(new != old)
        #expect(try await tokens.authenticate(old) == .unknown)
        #expect(
            try await tokens.authenticate(new)
                == .valid(Actor(tokenName: "ifo-form", role: .rapportor, unitScope: ["ifo"])))
        let actions = try await AuditLog(test.database).entries(AuditQuery()).map(\.action)
        #expect(actions.first == "token_rotate")
    }

    @Test func rotatingKeepsAFutureExpiryButAnExpiredTokenNeedsANewOne() async throws {
        let clock = ManualClock(TestDatabase.noon)
        let test = try TestDatabase(clock: clock)
        let tokens = TokenStore(test.database)
        let expiry = TestDatabase.noon.addingTimeInterval(7200)
        _ = try await tokens.create(name: "sync", role: .kvalitet, unitIds: [], expiresAt: expiry, by: admin)
        _ = try await tokens.rotate(name: "sync", by: admin)
        #expect(try await tokens.list().first?.expiresAt == expiry)
        clock.advance(7200)
        await #expect(throws: DomainError.self) { try await tokens.rotate(name: "sync", by: admin) }
        let later = clock.now().addingTimeInterval(86_400)
        let secret = try await tokens.rotate(name: "sync", expiresAt: later, by: admin)
        #expect(
            try await tokens.authenticate(secret) == .valid(Actor(tokenName: "sync", role: .kvalitet, unitScope: nil)))
    }

    @Test func rotatingARevokedOrUnknownTokenIsNotFound() async throws {
        let test = try TestDatabase()
        let tokens = TokenStore(test.database)
        _ = try await tokens.create(name: "gone", role: .lasare, unitIds: [], by: admin)
        try await tokens.revoke(name: "gone", by: admin)
        await #expect(throws: DomainError.notFound("no active token named gone")) {
            try await tokens.rotate(name: "gone", by: admin)
        }
        await #expect(throws: DomainError.notFound("no active token named nobody")) {
            try await tokens.rotate(name: "nobody", by: admin)
        }
    }

    @Test func expiriesAreDaysFromNowOrTheEndOfASwedishDay() {
        let now = TestDatabase.noon
        #expect(TokenStore.expiry("90d", now: now) == now.addingTimeInterval(90 * 86_400))
        // 2026-03-31 ends at midnight Stockholm summer time (UTC+2) on 1 April: 2026-03-31T22:00Z.
        #expect(TokenStore.expiry("2026-03-31", now: now).map(Timestamp.format) == "2026-03-31T22:00:00.000Z")
        #expect(TokenStore.expiry("0d", now: now) == nil)
        #expect(TokenStore.expiry("soon", now: now) == nil)
    }
}

@Suite("Receipts")
struct ReceiptStoreTests {
    @Test func aReceiptShowsItsRecordUntilItExpiresAndIsStoredOnlyAsItsHash() async throws {
        let clock = ManualClock(TestDatabase.noon)
        let test = try TestDatabase(clock: clock)
        try await test.seedUnits()
        let form = Actor(tokenName: "form", role: .rapportor, unitScope: nil)
        let record = try await RecordStore<Avvikelse>(test.database).create(TestDatabase.avvikelse(), by: form).record
        let receipts = ReceiptStore(test.database)
        let issued = try await receipts.issue(for: record.id.description, lifetime: 86_400)
        #expect(issued.secret.utf8.count >= 43)
        let stored = try await test.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT hash FROM receipts")
        }
        #expect(stored == ReceiptStore.hash(issued.secret))
        let reader = Actor(tokenName: "(kvitto)", role: .rapportor, unitScope: nil)
        #expect(try await receipts.view(issued.secret, by: reader) == issued.view)
        #expect(issued.view.recordId == record.id.description && issued.view.family == .avvikelse)
        #expect(try await receipts.view(issued.secret + "x", by: reader) == nil)
        clock.advance(86_400)
        #expect(try await receipts.view(issued.secret, by: reader) == nil)
        let reads = try await AuditLog(test.database).entries(AuditQuery(action: .receiptRead))
        #expect(reads.map(\.recordId) == [record.id.description])
    }
}
