import KvalitetDomain

/// The statistics on the wire: JSON for dashboards (periods once, then one array of values per
/// series), and CSV in long form (one row per series and period) for Excel's pivot tables.
enum StatistikWire {
    static func json(_ statistik: Statistik) -> JSONValue {
        let request = statistik.request
        let periods: [JSONValue] = request.periods.map { period in
            .object(JSONObject([
                ("period", .string(period.name)), ("from", .string(period.from.description)),
                ("to", .string(period.to.description)),
            ]))
        }
        let series: [JSONValue] = statistik.series.map { series in
            .object(JSONObject([
                ("metric", .string(series.metric.id)), ("family", .string(series.metric.family.rawValue)),
                ("label", .string(series.metric.label)), ("unitId", .optional(series.unitId)),
                ("unitName", .optional(series.unitName)), ("values", .array(series.values.map(JSONValue.int))),
            ]))
        }
        return .object(JSONObject([
            ("interval", .string(request.interval.rawValue)), ("from", .string(request.from.description)),
            ("to", .string(request.to.description)), ("unitId", .optional(request.unitId)),
            ("byUnit", .bool(request.byUnit)), ("periods", .array(periods)), ("series", .array(series)),
        ]))
    }

    /// The CSV columns: field names, or with `labels=sv` Swedish headers.
    static let columns: [(field: String, swedish: String)] = [
        ("family", "Familj"), ("metric", "Mått"), ("unitId", "Enhet"), ("period", "Period"), ("from", "Från"),
        ("to", "Till"), ("count", "Antal"),
    ]

    static func csv(_ statistik: Statistik, labels: CSVLabels) -> String {
        var text = CSVFormat.row(columns.map { labels == .sv ? $0.swedish : $0.field })
        for series in statistik.series {
            let metric = series.metric
            let family = labels == .sv ? metric.family.label : metric.family.rawValue
            let name = labels == .sv ? metric.label : metric.id
            let unit = labels == .sv ? series.unitName ?? "Alla enheter" : series.unitId ?? ""
            for (period, value) in zip(statistik.request.periods, series.values) {
                text += CSVFormat.row(cells: [
                    .text(family), .text(name), .text(unit), .text(period.name), .date(period.from), .date(period.to),
                    .int(value),
                ])
            }
        }
        return text
    }
}
