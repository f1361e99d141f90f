import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// A bulk load writes a record created and changed in one transaction once, in its last state:
/// what it stores must be what the same creates and changes through the API's store store.
@Suite("The bulk load")
struct BulkLoadTests {
    static let admin = TestDatabase.admin

    static func lexSarah() -> LexSarah.Fields {
        LexSarah.Fields(
            unitId: "ifo-utr", title: "Barn lämnat utan tillsyn", reportedOn: LocalDate("2025-03-02")!,
            reporterRole: .anstalld, kinds: [.insatsUtfordFelaktigt],
            immediateMeasures: .init(description: "Omedelbara åtgärder", takenOn: LocalDate("2025-03-02")!))
    }

    static func close(_ fields: inout Avvikelse.Fields) {
        fields.closedOn = LocalDate("2025-03-20")
        fields.rootCauses = [.rutinEjFoljd]
    }

    static func reportToIvo(_ fields: inout LexSarah.Fields) {
        fields.ivo = .init(reportedOn: LocalDate("2025-03-05")!, channel: .eTjanst)
    }

    static func investigate(_ fields: inout LexSarah.Fields) {
        fields.investigation = .init(investigator: "Utredare", startedOn: LocalDate("2025-03-02")!)
    }

    static func transition<K: StoredKind>(
        to status: K.Status, _ change: @escaping @Sendable (inout K.Fields) -> Void = { _ in }
    ) -> @Sendable (CaseRecord<K>, LocalDate) throws -> CaseRecord<K> {
        { current, today in
            var fields = current.fields
            change(&fields)
            return try K.transition(current, to: status, with: fields, today: today)
        }
    }

    static func edit<K: StoredKind>(
        _ change: @escaping @Sendable (inout K.Fields) -> Void
    ) -> @Sendable (CaseRecord<K>, LocalDate) throws -> CaseRecord<K> {
        { current, _ in
            var fields = current.fields
            change(&fields)
            return try K.edit(current, to: fields)
        }
    }

    /// Every table's rows, each table's sorted (the audit log in its order), except the data
    /// generation counter (bumped per written row: a bulk load writes fewer rows for the same records).
    static func contents(of database: KvalitetDatabase) async throws -> [String: [String]] {
        try await database.pool.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'data_generation'")
            var contents: [String: [String]] = [:]
            for table in tables {
                // An event's id (its webhook-id) is random by design; its order and content must match.
                let columns = table == "events" ? "seq, kind, record_id, family, unit_ids, occurred_at, payload" : "*"
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \"\(table)\"").map(\.description)
                contents[table] = table == "audit_log" || table == "events" ? rows : rows.sorted()
            }
            return contents
        }
    }

    @Test func whatABulkLoadStoresEqualsWhatTheSameWritesThroughTheStoreStore() async throws {
        let api = try TestDatabase(), bulk = try TestDatabase()
        try await api.seedUnits()
        try await bulk.seedUnits()

        let avvikelser = RecordStore<Avvikelse>(api.database), reports = RecordStore<LexSarah>(api.database)
        let first = try await avvikelser.create(TestDatabase.avvikelse(), by: Self.admin).record
        _ = try await avvikelser.change(first.id, expectedVersion: 1, by: Self.admin, action: .transition,
                                        Self.transition(to: .underUtredning))
        _ = try await avvikelser.change(first.id, expectedVersion: 2, by: Self.admin, action: .transition,
                                        Self.transition(to: .avslutad, Self.close))
        let report = try await reports.create(Self.lexSarah(), by: Self.admin).record
        _ = try await reports.change(report.id, expectedVersion: 1, by: Self.admin, action: .transition,
                                     Self.transition(to: .underUtredning, Self.investigate))
        _ = try await reports.change(report.id, expectedVersion: 2, by: Self.admin, action: .update,
                                     Self.edit(Self.reportToIvo))
        _ = try await avvikelser.create(TestDatabase.avvikelse(unit: "vuxen", on: "2024-11-30"), by: Self.admin)
        // A change to a record created earlier (not the one a bulk batch holds open).
        _ = try await avvikelser.change(first.id, expectedVersion: 3, by: Self.admin, action: .update,
                                        Self.edit { $0.title = "Journal saknades, åtgärdat" })

        try await BulkLoad(bulk.database, actor: Self.admin).transaction { batch in
            var first: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse())
            first = try batch.change(first, action: .transition, Self.transition(to: .underUtredning))
            first = try batch.change(first, action: .transition, Self.transition(to: .avslutad, Self.close))
            var report: CaseRecord<LexSarah> = try batch.create(Self.lexSarah())
            report = try batch.change(
                report, action: .transition, Self.transition(to: .underUtredning, Self.investigate))
            _ = try batch.change(report, action: .update, Self.edit(Self.reportToIvo))
            let _: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse(unit: "vuxen", on: "2024-11-30"))
            _ = try batch.change(first, action: .update, Self.edit { $0.title = "Journal saknades, åtgärdat" })
        }

        let stored = try await Self.contents(of: api.database)
        let loaded = try await Self.contents(of: bulk.database)
        #expect(stored["records"]?.count == 3)
        #expect(stored["record_versions"]?.count == 8)
        #expect(stored["report_counts"]?.isEmpty == false)
        for table in stored.keys.sorted() { #expect(loaded[table] == stored[table], "\(table)") }
        #expect(Set(loaded.keys) == Set(stored.keys))
        #expect(try bulk.database.reportCountsMatchRecords(settings: RecordSettings()))
    }

    @Test func aRefusedChangeStoresNothingOfItsTransaction() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        await #expect(throws: DomainError.self) {
            try await BulkLoad(test.database, actor: Self.admin).transaction { batch in
                let record: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse())
                // Straight to avslutad: not a step the workflow allows.
                _ = try batch.change(record, action: .transition, Self.transition(to: .avslutad, Self.close))
            }
        }
        let records = try await test.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records")
        }
        #expect(records == 0)
    }

    @Test func aStaleVersionIsRefusedAsThroughTheAPI() async throws {
        let test = try TestDatabase()
        try await test.seedUnits()
        await #expect(throws: DomainError.staleVersion(current: 2)) {
            try await BulkLoad(test.database, actor: Self.admin).transaction { batch in
                let record: CaseRecord<Avvikelse> = try batch.create(TestDatabase.avvikelse())
                _ = try batch.change(record, action: .transition, Self.transition(to: .underUtredning))
                _ = try batch.change(record, action: .update, Self.edit { $0.title = "Ändrad" })
            }
        }
    }
}
