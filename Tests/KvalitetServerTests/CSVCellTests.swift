import Foundation
import KvalitetDomain
@testable import KvalitetServer
import Testing

/// How each kind of cell is written for Swedish Excel: one row per rule.
@Suite("CSV cells for Swedish Excel")
struct CSVCellTests {
    static let rows: [(cell: CSVCell, written: String, rule: String)] = [
        (.number("87.5"), "87,5", "a decimal number gets a decimal comma"),
        (.number("-3.5"), "-3,5", "a negative number is no formula: no guard"),
        (.number("0.4701"), "0,4701", "a share keeps its digits"),
        (.number("12"), "12", "a whole number stays as it is"),
        (.text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"", "text starting with = is guarded and quoted"),
        (.text("+46 70"), "'+46 70", "text starting with + is guarded"),
        (.text("-3.5"), "'-3.5", "text that merely looks like a number stays guarded text"),
        (.text("@summa"), "'@summa", "text starting with @ is guarded"),
        (.text("\tflik"), "'\tflik", "text starting with a tab is guarded"),
        (.text("\rrad"), "\"'\rrad\"", "text starting with CR is guarded and quoted"),
        (.text("Åsa; Öberg"), "\"Åsa; Öberg\"", "a separator in text is quoted"),
        (.text("rad ett\r\nrad två"), "\"rad ett\r\nrad två\"", "a line break stays inside the quoted cell"),
        (.text("1,5 timmar"), "1,5 timmar", "a comma in text needs no quotes with ; between fields"),
        (.date(LocalDate("2025-03-02")), "2025-03-02", "a date is YYYY-MM-DD"),
        (.date(nil), "", "no date is an empty cell"),
        // 2026-03-29 01:30 UTC is 03:30 summer time; 2026-10-25 00:30 and 01:30 UTC are both 02:30 local.
        (.time(Date(timeIntervalSince1970: 1_774_747_800)), "2026-03-29 03:30:00", "summer time starts"),
        (.time(Date(timeIntervalSince1970: 1_792_888_200)), "2026-10-25 02:30:00", "the repeated hour, first"),
        (.time(Date(timeIntervalSince1970: 1_792_891_800)), "2026-10-25 02:30:00", "the repeated hour, second"),
        (.time(Date(timeIntervalSince1970: 1_768_478_400)), "2026-01-15 13:00:00", "winter time is UTC+1"),
    ]

    @Test(arguments: rows.indices)
    func eachCellIsWrittenAsSwedishExcelReadsIt(_ index: Int) {
        let row = Self.rows[index]
        #expect(CSVFormat.row(cells: [row.cell]) == row.written + "\r\n", "\(row.rule)")
    }

    @Test func fieldsAreSeparatedBySemicolonsAndRowsByCRLF() {
        #expect(CSVFormat.row(cells: [.text("a"), .number("1.5"), .date(nil)]) == "a;1,5;\r\n")
    }

    @Test func jsonValuesBecomeCellsOfTheirKind() {
        #expect(CSVFormat.cell(.number("-0.25")) == .number("-0.25"))
        #expect(CSVFormat.cell(.string("2025-12-31")) == .date(LocalDate("2025-12-31")))
        #expect(CSVFormat.cell(.string("-minus")) == .text("-minus"))
        #expect(CSVFormat.cell(.array([.string("a"), .string("b")])) == .text("a, b"))
    }
}
