import GRDB
import KvalitetDomain

extension ReportSQL {
    /// The key figures of the report: one indexed lookup per figure and year (there are tens of
    /// key figures, not thousands), the unit being the report's unit or the whole organisation.
    func nyckeltal() throws -> [NyckeltalFigure] {
        let figures = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM nyckeltal WHERE voided_on IS NULL ORDER BY code")
        ).map(NyckeltalStore.stored(from:))
        return try figures.map { stored in
            let nyckeltal = stored.nyckeltal
            return NyckeltalFigure(
                nyckeltal: nyckeltal, value: try yearValue(nyckeltal.code, year: request.year),
                previousYear: try yearValue(nyckeltal.code, year: request.year - 1),
                comparison: try comparison(kpi: nyckeltal.koladaKpi))
        }
    }

    private func yearValue(_ code: String, year: Int) throws -> FixedDecimal? {
        guard let period = NyckeltalPeriod(year: year, kind: .year, number: 1) else { return nil }
        return try Int.fetchOne(
            db.cachedStatement(
                sql: "SELECT hundredths FROM nyckeltal_values WHERE code = ? AND ifnull(unit_id, '') = ? AND period = ?"
            ),
            arguments: [code, request.unitId ?? "", period.description]
        ).map(FixedDecimal.init(hundredths:))
    }

    private func comparison(kpi: String?) throws -> KoladaComparison {
        guard let kpi else { return KoladaComparison(kpi: nil) }
        let latest = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT municipality, group_id FROM kolada_imports WHERE kpi = ? ORDER BY id DESC LIMIT 1"),
            arguments: [kpi])
        let municipality: String? = latest?["municipality"]
        let group: String? = latest?["group_id"]
        func value(_ id: String?) throws -> Double? {
            guard let id else { return nil }
            return try Double.fetchOne(
                db.cachedStatement(
                    sql: "SELECT value FROM kolada_values WHERE kpi = ? AND municipality = ? AND year = ?"),
                arguments: [kpi, id, request.year])
        }
        return KoladaComparison(
            kpi: kpi, municipalityId: municipality, municipality: try value(municipality),
            groupId: group, group: try value(group), national: try value("0000"))
    }
}
