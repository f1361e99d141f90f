import KvalitetDomain

extension ReportHTML {
    /// The key figures as one short table: value, level (as a coloured word, readable in black and
    /// white too), the year before, and Kolada's comparison values; "–" where nothing is known.
    static func nyckeltalTable(_ figures: [NyckeltalFigure], year: Int) -> String {
        guard !figures.isEmpty else { return "" }
        var html = """
            <h2>Nyckeltal \(year)</h2><table><tr><th>Nyckeltal</th><th class="n">\(year)</th><th>Nivå</th><th class="n">\(year - 1)</th>
            <th class="n">Kommunen (Kolada)</th><th class="n">Liknande kommuner</th><th class="n">Riket</th></tr>
            """
        for figure in figures {
            let c = figure.comparison
            html += "<tr><td>\(escape(figure.code)) \(escape(figure.name))</td><td class=\"n\">\(show(figure.value, figure.unit))</td>"
                + "<td>\(level(figure.level))</td><td class=\"n\">\(show(figure.previousYear, figure.unit))</td>"
                + "<td class=\"n\">\(show(c.municipality))</td><td class=\"n\">\(show(c.group))</td><td class=\"n\">\(show(c.national))</td></tr>"
        }
        return html + "</table>"
    }

    private static func show(_ value: FixedDecimal?, _ unit: NyckeltalUnit) -> String {
        guard let value else { return "–" }
        let text = value.description.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−")
        return unit == .procent ? text + "\u{00A0}%" : text
    }

    private static func show(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String((value * 10).rounded() / 10).replacingOccurrences(of: ".0", with: "").replacingOccurrences(of: ".", with: ",")
    }

    private static func level(_ level: QualityLevel?) -> String {
        guard let level else { return "–" }
        let colour = switch level { case .rod: "#b00020"; case .gul: "#a07800"; case .gron: "#1b7a2f" }
        let word = switch level { case .rod: "Röd"; case .gul: "Gul"; case .gron: "Grön" }
        return "<span style=\"color:\(colour);font-weight:bold\">\(word)</span>"
    }
}
