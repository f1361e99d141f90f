import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Logging
import Testing

/// Migration 0008 on a database with lex Sarah reports classified by the avvikelse category list.
/// `Tests/Fixtures/schema7-lex-sarah-categories.sql` is the `sqlite3 .dump` of a database made by
/// the schema-7 binary (main at 84b05f4, `kvalitet serve` driven with curl): units `ifo` ⊃
/// `ifo-utredning`, the avvikelse AVV-2025-0001 and the lex Sarah reports LXS-2025-0001…0009, one per
/// category in list order (reported 2025-03-02…10). 0001 (handlaggning) is investigated, assessed
/// missforhallande, treated by the AU on 2025-05-06 and closed, with a note; 0004
/// (utforande_av_insats) is assessed allvarligt_missforhallande, reported to IVO and treated on
/// 2025-05-06; 0006 (sekretess) is assessed pataglig_risk_for_missforhallande and treated on
/// 2025-04-15; 0009 (ovrigt) is voided. Each test loads its own copy.
@Suite("Migration 0008: lex Sarah kinds from the old categories")
struct LexSarahKindMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema7-lex-sarah-categories.sql").path
    static let categories: [AvvikelseCategory] = [
        .handlaggning, .dokumentation, .handlingar, .utforandeAvInsats, .lokaler, .sekretess, .bemotande,
        .tillganglighet, .ovrigt,
    ]

    /// The fixture migrated by this binary, with the report's sums rebuilt as `serve` does at start.
    private func migrated() throws -> KvalitetDatabase {
        let path = try TestDatabase.temporaryFolder("kvalitet-schema7") + "/kvalitet.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try db.execute(sql: String(contentsOfFile: Self.fixture, encoding: .utf8)) }
        try queue.close()
        let database = try KvalitetDatabase.open(
            path: path, migrationsPath: TestDatabase.migrations, clock: FixedClock(TestDatabase.noon),
            logger: Logger(label: "test"))
        try database.buildReportCountsIfNeeded(settings: RecordSettings(), logger: Logger(label: "test"))
        return database
    }

    private func id(_ sequence: Int) -> CaseNumber { CaseNumber(family: .lexSarah, year: 2025, sequence: sequence) }

    @Test(arguments: Array(categories.enumerated()))
    func eachStoredCategoryBecomesTheKindTheMappingGivesInTheRecordAndItsKindRows(
        index: Int, category: AvvikelseCategory
    ) async throws {
        let database = try migrated()
        let expected = LexSarahKind.replacing(category)
        let record = try await RecordStore<LexSarah>(database).read(id(index + 1), by: TestDatabase.admin)
        #expect(record.fields.title == "Rapport om \(category.rawValue)")
        #expect(record.fields.kinds == [expected])
        let rows = try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM lex_sarah_kinds WHERE record_id = ?",
                                arguments: [record.id.description])
        }
        #expect(rows == [expected.rawValue])
    }

    @Test func theMappingSendsHandlingsAndTillganglighetWhereTheMigrationCommentsSay() {
        #expect(Self.categories.count == AvvikelseCategory.allCases.count)
        #expect(LexSarahKind.replacing(.handlingar) == .bristerIHandlaggning)
        #expect(LexSarahKind.replacing(.utforandeAvInsats) == .insatsUtfordFelaktigt)
        #expect(LexSarahKind.replacing(.tillganglighet) == .ovrigt)
        #expect(LexSarahKind.replacing(.lokaler) == .bristerIMiljoOchUtrustning)
    }

    @Test func theFactsTableLosesOnlyItsCategoryAndKeepsItsChecksAndKeys() async throws {
        let database = try migrated()
        let (columns, sql, body, categoryColumn, foreignKeys) = try await database.pool.read { db in
            (try db.columns(in: "lex_sarah_facts").map(\.name),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'lex_sarah_facts'") ?? "",
             try String.fetchOne(db, sql: "SELECT body FROM records WHERE id = 'LXS-2025-0001'") ?? "",
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE family = 'lex_sarah' AND category IS NOT NULL"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"))
        }
        #expect(!columns.contains("category"))
        #expect(columns.count == 17)
        #expect(sql.contains("REFERENCES records(id)") && sql.contains("REFERENCES units(id)"))
        #expect(sql.contains("CHECK (status <> 'avslutad' OR closed_on IS NOT NULL)"))
        #expect(!body.contains("\"category\"") && body.contains("\"kinds\":[\"brister_i_handlaggning\"]"))
        #expect(categoryColumn == 0)
        #expect(foreignKeys.isEmpty)
        #expect(try await database.integrityCheck() == ["ok"])
        // The rebuilt table still refuses what schema 2 refused.
        await #expect(throws: DatabaseError.self) {
            try await database.pool.write { db in
                try db.execute(sql: "UPDATE lex_sarah_facts SET status = 'avslutad', closed_on = NULL WHERE record_id = 'LXS-2025-0002'")
            }
        }
    }

    @Test func theHistoryKeepsTheOldCategoryAndReadsItAsTheKind() async throws {
        let database = try migrated()
        let versions = try await RecordStore<LexSarah>(database).history(id(4), by: TestDatabase.admin)
        #expect(versions.count == 5)
        #expect(versions.allSatisfy { $0.record.fields.kinds == [.insatsUtfordFelaktigt] })
        let snapshot = try await database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT snapshot FROM record_versions WHERE record_id = 'LXS-2025-0004' AND version = 1")
        }
        #expect(snapshot?.contains("\"category\":\"utforande_av_insats\"") == true)
    }

    @Test func theReportsSumsAreRebuiltAndCountTheTreatedReportsByKindAsACheckDoes() async throws {
        let database = try migrated()
        #expect(try database.reportCountsMatchRecords(settings: RecordSettings()))
        let report = try await ReportStore(database).kvalitetsberattelse(
            ReportRequest(year: 2025, unitId: nil), by: TestDatabase.admin)
        #expect(report.analysis.lexSarahCommitteeTreated == 3)
        #expect(report.analysis.lexSarahByKind.map(\.code).sorted()
                == ["brister_i_handlaggning", "insats_utford_felaktigt", "rojd_sekretess"])
        #expect(report.lexSarah.seriousOfCommitteeTreated == 1)
        #expect(report.received.lexSarah.count == 8)
    }

    @Test func aMigratedReportTakesSeveralKindsAtItsNextChange() async throws {
        let database = try migrated()
        let store = RecordStore<LexSarah>(database)
        _ = try await store.change(id(2), expectedVersion: 1, by: TestDatabase.admin, action: .update) { current, _ in
            var next = current
            next.fields.kinds = [.bristerIDokumentation, .bristerISamverkan]
            return next
        }
        let kinds = try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM lex_sarah_kinds WHERE record_id = 'LXS-2025-0002' ORDER BY kind")
        }
        #expect(kinds == ["brister_i_dokumentation", "brister_i_samverkan"])
        let listed = try await store.list(RecordQuery(category: "brister_i_samverkan"), by: TestDatabase.admin)
        #expect(listed.items.map(\.id) == [id(2)])
        #expect(try database.reportCountsMatchRecords(settings: RecordSettings()))
    }
}
