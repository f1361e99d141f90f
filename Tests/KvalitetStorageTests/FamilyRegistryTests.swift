import Foundation
import GRDB
import KvalitetDomain
@testable import KvalitetStorage
import Testing

/// Every registered family is stored, and its facts table has a column for every fact of its field table.
@Suite("Family registry")
struct FamilyRegistryTests {
    @Test func everyFamilysFactsTableHasAColumnForEachFactOfItsFieldTable() async throws {
        let test = try TestDatabase()
        defer { try? FileManager.default.removeItem(atPath: test.folder) }
        for family in RecordFamily.allCases {
            let kind = family.storedKind
            let columns = try await test.database.pool.read { db in
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(family.rawValue)_facts)").map { $0["name"] as String }
            }
            #expect(!columns.isEmpty, "\(family)")
            for key in kind.factKeys { #expect(columns.contains(snakeCase(key)), "\(family): \(key)") }
        }
    }

    @Test func aFieldsColumnIsItsKeyInSnakeCase() {
        #expect(snakeCase("receivedOn") == "received_on")
        #expect(snakeCase("deficienciesFound") == "deficiencies_found")
        #expect(snakeCase("unitId") == "unit_id")
    }
}

extension RecordKind {
    static var factKeys: [String] { fieldTable.fields.filter(\.isFact).map(\.key) }
}

@Suite("Tally keys as stored")
struct TallyKeyStorageTests {
    @Test(arguments: [
        (ReportMetric.tillsynCase, TallyKey("ivo", "3.5|1-1/2025")),
        (ReportMetric.lexSarahTreated, TallyKey("missforhallande")),
        (ReportMetric.avvikelseClosedCause, TallyKey("rutin_ej_foljd")),
        (ReportMetric.lexSarahReported, TallyKey.none),
    ])
    func aKeyReadsBackAsTheSamePartsEvenWhenItsLastPartHoldsTheSeparator(metric: ReportMetric, key: TallyKey) {
        #expect(TallyKey(stored: key.stored, of: metric) == key)
    }
}
