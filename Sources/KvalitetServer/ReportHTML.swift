import KvalitetDomain

/// The kvalitetsberättelse as a self-contained, printable Swedish page: sections 4.1–5 of the
/// yearly report, figures phrased as the report phrases them ("213 (177)"), SVG bar charts per
/// area and year. No scripts, no external assets.
enum ReportHTML {
    static func render(_ report: Kvalitetsberattelse, unitNames: [String: String], scopeName: String) -> String {
        let r = report
        let year = r.request.year
        var html = """
            <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kvalitetsberättelse \(year)</title>
            <style>body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;color:#222;line-height:1.45}
            h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1f4e79;color:#1f4e79;margin-top:2rem}
            table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #bbb;padding:.25rem .6rem;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555}figure{margin:1rem 0}
            figcaption{font-size:.9rem;color:#444}@media print{h2{break-after:avoid}figure,table{break-inside:avoid}}</style></head><body>
            <h1>Kvalitetsberättelse \(year)</h1>
            <p class="meta">\(escape(scopeName)) · Analysperiod \(r.request.analysisFrom)–\(r.request.analysisTo) · Framtagen \(SwedishTime.date(of: r.generatedAt))
            · Siffror inom parentes avser \(year - 1).</p>
            <h2>4.1 Inkomna klagomål, synpunkter, avvikelser och lex Sarah</h2>
            <table><tr><th>Inkommet under \(year)</th><th class="n">Antal (föregående år)</th></tr>
            \(row("Klagomål och synpunkter från utomstående", r.received.klagomalUtomstaende))
            \(row("Klagomål och synpunkter från personal", r.received.klagomalPersonal))
            \(row("Kvalitetsavvikelser", r.received.kvalitetsavvikelser))
            \(row("Lex Sarah-rapporter", r.received.lexSarah))</table>
            """
        let figures = [("Klagomål och synpunkter från utomstående", r.received.klagomalUtomstaende),
                       ("Klagomål och synpunkter från personal", r.received.klagomalPersonal),
                       ("Kvalitetsavvikelser", r.received.kvalitetsavvikelser), ("Lex Sarah-rapporter", r.received.lexSarah)]
        // One colour per area in every chart, so an area is recognised from diagram to diagram.
        let areaNames = Set(figures.flatMap { $0.1.byArea.map { $0.area ?? "" } }).sorted()
        let palette = Dictionary(uniqueKeysWithValues: areaNames.enumerated().map { ($1, colors[$0 % colors.count]) })
        for (title, figure) in figures {
            html += chart(title: title, figure: figure, palette: palette)
        }
        let lex = r.lexSarah
        html += """
            <h3>Lex Sarah</h3><table>
            <tr><td>Utredningar behandlade av arbetsutskottet (missförhållande eller risk)</td><td class="n">\(lex.committeeTreated) (\(lex.committeeTreatedSeries.dropLast().last?.count ?? 0))</td></tr>
            <tr><td>varav allvarliga</td><td class="n">\(lex.seriousOfCommitteeTreated)</td></tr>
            <tr><td>Anmälda till IVO under året</td><td class="n">\(lex.reportedToIvo)</td></tr>
            <tr><td>Öppna vid årets slut</td><td class="n">\(lex.openAtYearEnd)</td></tr>
            <tr><td>Utredningar försenade till IVO enligt lokal rutin för uppföljning</td><td class="n">\(lex.investigationsOverdueToIvo)</td></tr></table>
            <h2>4.2 Sammanställning och analys \(r.request.analysisFrom)–\(r.request.analysisTo)</h2>
            <h3>Kvalitetsavvikelser (\(r.analysis.avvikelserClosed) avslutade)</h3>
            \(codeTable("Kategori", r.analysis.avvikelserByCategory, list: "avvikelseKategori"))
            \(codeTable("Orsak", r.analysis.avvikelserByRootCause, list: "orsak"))
            \(codeTable("Verksamhet", r.analysis.avvikelserByUnit.map { CodeCount(code: $0.unitId, count: $0.count) }, names: unitNames))
            <h3>Klagomål och synpunkter (\(r.analysis.klagomalClosed) avslutade)</h3>
            \(codeTable("Gäller", r.analysis.klagomalBySubject, list: "klagomalAmne"))
            \(codeTable("Utfall", r.analysis.klagomalByOutcome, list: "klagomalUtfall"))
            \(codeTable("Inlämnat av", r.analysis.klagomalBySubmitter, list: "klagomalInlamnare"))
            <h3>Lex Sarah (\(r.analysis.lexSarahCommitteeTreated) behandlade av arbetsutskottet)</h3>
            \(codeTable("Kategori", r.analysis.lexSarahByCategory, list: "avvikelseKategori"))
            \(codeTable("Bedömning", r.analysis.lexSarahByAssessment, list: "lexSarahBedomning"))
            \(codeTable("Orsak", r.analysis.lexSarahByRootCause, list: "orsak"))
            <h2>4.3 Riskanalyser</h2>
            <p>\(r.riskanalyser.count) genomförda riskanalyser, varav \(r.riskanalyser.documented) dokumenterade; \(r.riskanalyser.highRisks) risker bedömda som höga eller mycket höga.
            Riskanalyser finns för \(r.riskanalyser.coverage.departmentsCovered) av \(r.riskanalyser.coverage.departmentsTotal) avdelningar
            och \(r.riskanalyser.coverage.sectionsCovered) av \(r.riskanalyser.coverage.sectionsTotal) sektioner.</p>
            \(codeTable("Anledning", r.riskanalyser.byTrigger, list: "riskanalysAnledning"))
            \(codeTable("Avdelning", r.riskanalyser.byDepartment, names: unitNames))
            <h2>4.4 Egenkontroller</h2>
            <p>\(r.egenkontroller.count) genomförda egenkontroller, varav \(r.egenkontroller.documented) dokumenterade och \(r.egenkontroller.withDeficiencies) med brister.
            Egenkontroller finns för \(r.egenkontroller.coverage.departmentsCovered) av \(r.egenkontroller.coverage.departmentsTotal) avdelningar
            och \(r.egenkontroller.coverage.sectionsCovered) av \(r.egenkontroller.coverage.sectionsTotal) sektioner.</p>
            <p>Brukarundersökningar: \(number(r.egenkontroller.surveyOffered)) erbjöds att svara, \(number(r.egenkontroller.surveyResponses)) svarade\(r.egenkontroller.responseRate.map { " (" + percent($0) + ")" } ?? "").</p>
            \(codeTable("Område", r.egenkontroller.byArea, list: "egenkontrollOmrade"))
            \(codeTable("Metod", r.egenkontroller.byMethod, list: "egenkontrollMetod"))
            <h2>5. Beslut från tillsynsmyndigheter</h2>
            <table><tr><th>Myndighet</th><th class="n">Beslut</th><th class="n">Ärenden</th><th class="n">Ärenden med brister</th></tr>
            """
        for figure in r.tillsyn {
            html += "<tr><td>\(figure.authority.uppercased())</td><td class=\"n\">\(figure.decisions)</td><td class=\"n\">\(figure.cases)</td><td class=\"n\">\(figure.casesWithDeficiencies)</td></tr>"
        }
        html += "</table><h2>Handläggningstider \(year)</h2><table><tr><th></th><th class=\"n\">Avslutade</th><th class=\"n\">Median, dagar</th><th class=\"n\">90:e percentil, dagar</th></tr>"
        for (name, time) in [("Kvalitetsavvikelser", r.handlingTimes.kvalitetsavvikelser), ("Klagomål och synpunkter", r.handlingTimes.klagomal),
                             ("Lex Sarah (till färdig utredning)", r.handlingTimes.lexSarah)] {
            html += "<tr><td>\(name)</td><td class=\"n\">\(time.closed)</td><td class=\"n\">\(time.medianDays.map(String.init) ?? "–")</td><td class=\"n\">\(time.p90Days.map(String.init) ?? "–")</td></tr>"
        }
        return html + "</table>" + nyckeltalTable(r.nyckeltal, year: year) + "</body></html>"
    }

    private static func row(_ label: String, _ figure: ReceivedFigure) -> String {
        "<tr><td>\(label)</td><td class=\"n\">\(number(figure.count)) (\(number(figure.previousYear)))</td></tr>"
    }

    private static func codeTable(_ heading: String, _ counts: [CodeCount], list: String? = nil, names: [String: String] = [:]) -> String {
        guard !counts.isEmpty else { return "<p class=\"meta\">\(heading): inga under perioden.</p>" }
        let rows = counts.map { count in
            let label = list.map { Kodverk.label(count.code, in: $0) } ?? names[count.code] ?? count.code
            return "<tr><td>\(escape(label))</td><td class=\"n\">\(number(count.count))</td></tr>"
        }
        return "<table><tr><th>\(heading)</th><th class=\"n\">Antal</th></tr>" + rows.joined() + "</table>"
    }

    static let colors = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#843c0c"]

    /// Grouped bars: one group per year, one bar per area, as in the yearly report's diagrams.
    private static func chart(title: String, figure: ReceivedFigure, palette: [String: String]) -> String {
        let years = figure.series.map(\.year)
        let areas = Array(figure.byArea.prefix(colors.count))
        let maximum = max(1, areas.flatMap { $0.series.map(\.count) }.max() ?? 1)
        let width = 640, height = 220, left = 40, bottom = 30, top = 10
        let groupWidth = (width - left) / max(1, years.count)
        let barWidth = max(4, (groupWidth - 16) / max(1, areas.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 24 * ((areas.count + 2) / 3))\" role=\"img\" aria-label=\"\(escape(title)) per område och år\">"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 10)\" font-size=\"11\" text-anchor=\"end\">\(maximum)</text><text x=\"\(left - 6)\" y=\"\(height - bottom)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        for (index, year) in years.enumerated() {
            let x0 = left + index * groupWidth + 8
            for (areaIndex, area) in areas.enumerated() {
                let count = area.series.first { $0.year == year }?.count ?? 0
                let barHeight = (height - bottom - top) * count / maximum
                svg += "<rect x=\"\(x0 + areaIndex * barWidth)\" y=\"\(height - bottom - barHeight)\" width=\"\(barWidth - 2)\" height=\"\(barHeight)\" fill=\"\(palette[area.area ?? ""] ?? colors[0])\"><title>\(escape(area.area ?? "Utan område")) \(year): \(count)</title></rect>"
            }
            svg += "<text x=\"\(x0 + groupWidth / 2 - 8)\" y=\"\(height - bottom + 16)\" font-size=\"12\" text-anchor=\"middle\">\(year)</text>"
        }
        for (areaIndex, area) in areas.enumerated() {
            let x = left + (areaIndex % 3) * 200, y = height + 4 + (areaIndex / 3) * 22
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(palette[area.area ?? ""] ?? colors[0])\"/><text x=\"\(x + 16)\" y=\"\(y + 11)\" font-size=\"12\">\(escape(area.area ?? "Utan område"))</text>"
        }
        let caption = areas.isEmpty ? "Inga under perioden." : "Antal per verksamhetsområde och år, \(years.first ?? 0)–\(years.last ?? 0)."
        return "<figure>" + (areas.isEmpty ? "" : svg + "</svg>") + "<figcaption>\(escape(title)): \(caption)</figcaption></figure>"
    }

    /// Swedish thousands separator: 1 258.
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "\u{00A0}" }
            out.append(character)
        }
        return (value < 0 ? "−" : "") + out
    }

    static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10)\u{00A0}%"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
