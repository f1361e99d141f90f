import KvalitetDomain

/// One grouped bar chart of the report (one group per year, one bar per area, as in the yearly
/// report's diagrams), as SVG coordinates in pixels for the template's `chart` partial.
struct ReportChart {
    struct Bar {
        let x, y, width, height: Int
        let fill, area: String
        let year, count: Int
    }

    struct YearLabel {
        let x, y, year: Int
    }

    struct LegendItem {
        let x, y, textX, textY: Int
        let fill, area: String
    }

    static let colors = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#843c0c"]
    static let width = 640, height = 220, left = 40, bottom = 30, top = 10

    let title, caption: String
    let hasAreas: Bool
    let width = Self.width, left = Self.left, labelX = Self.left - 6, maximumY = Self.top + 10
    let axisY = Self.height - Self.bottom
    let svgHeight, maximum: Int
    let bars: [Bar]
    let years: [YearLabel]
    let legend: [LegendItem]

    /// The charts of `figures`, with one colour per area in every chart, so an area is recognised
    /// from diagram to diagram.
    static func charts(_ figures: [(String, ReceivedFigure)]) -> [ReportChart] {
        let areaNames = Set(figures.flatMap { $0.1.byArea.map { $0.area ?? "" } }).sorted()
        let palette = Dictionary(uniqueKeysWithValues: areaNames.enumerated().map { ($1, colors[$0 % colors.count]) })
        return figures.map { ReportChart(title: $0.0, figure: $0.1, palette: palette) }
    }

    init(title: String, figure: ReceivedFigure, palette: [String: String]) {
        let yearsShown = figure.series.map(\.year)
        let areas = Array(figure.byArea.prefix(Self.colors.count))
        let maximum = max(1, areas.flatMap { $0.series.map(\.count) }.max() ?? 1)
        let groupWidth = (Self.width - Self.left) / max(1, yearsShown.count)
        let barWidth = max(4, (groupWidth - 16) / max(1, areas.count))
        let axis = Self.height - Self.bottom
        var bars: [Bar] = []
        var labels: [YearLabel] = []
        for (index, year) in yearsShown.enumerated() {
            let x0 = Self.left + index * groupWidth + 8
            for (areaIndex, area) in areas.enumerated() {
                let count = area.series.first { $0.year == year }?.count ?? 0
                let barHeight = (axis - Self.top) * count / maximum
                bars.append(Bar(x: x0 + areaIndex * barWidth, y: axis - barHeight, width: barWidth - 2,
                                height: barHeight, fill: palette[area.area ?? ""] ?? Self.colors[0],
                                area: area.area ?? "Utan område", year: year, count: count))
            }
            labels.append(YearLabel(x: x0 + groupWidth / 2 - 8, y: axis + 16, year: year))
        }
        legend = areas.enumerated().map { areaIndex, area in
            let x = Self.left + (areaIndex % 3) * 200, y = Self.height + 4 + (areaIndex / 3) * 22
            return LegendItem(x: x, y: y, textX: x + 16, textY: y + 11,
                              fill: palette[area.area ?? ""] ?? Self.colors[0], area: area.area ?? "Utan område")
        }
        self.title = title
        self.maximum = maximum
        self.bars = bars
        years = labels
        hasAreas = !areas.isEmpty
        svgHeight = Self.height + 24 * ((areas.count + 2) / 3)
        caption = areas.isEmpty ? "Inga under perioden."
            : "Antal per verksamhetsområde och år, \(yearsShown.first ?? 0)–\(yearsShown.last ?? 0)."
    }
}
