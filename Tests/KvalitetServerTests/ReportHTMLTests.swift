import HTTPTypes
import Hummingbird
import Testing

/// The report's HTML page is rendered from templates that escape every value they are given.
@Suite("The report's HTML page")
struct ReportHTMLTests {
    @Test func aUnitNameWithMarkupIsShownAsTextNeverAsMarkup() async throws {
        try await TestApp.make().run { client in
            let unit = #"{"name":"Sektion <b>\"Ö\" & 'co'</b>","level":"sektion","parentId":"ifo"}"#
            #expect(try await client.send(.put, "/api/v1/verksamheter/ifo-b", json: unit).status == .created)
            try await client.avvikelse(unit: "ifo-b", received: "2024-09-01", closed: "2024-10-01")
            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=html&unitId=ifo-b",
                                              as: "lasare")
            #expect(reply.status == .ok)
            #expect(reply.body.contains("Sektion &lt;b&gt;&quot;Ö&quot; &amp; &#39;co&#39;&lt;/b&gt; · Analysperiod"))
            #expect(reply.body.contains("<td>Sektion &lt;b&gt;&quot;Ö&quot; &amp; &#39;co&#39;&lt;/b&gt;</td>"))
            #expect(!reply.body.contains("<b>"))
        }
    }

    @Test func everySectionOfThePageIsThereInTheReportsOrder() async throws {
        try await TestApp.make().run { client in
            let reply = try await client.send(.get, "/api/v1/kvalitetsberattelse/2025?format=html", as: "lasare")
            let headings = ["<h2>4.1 ", "<h3>Lex Sarah</h3>", "<h2>4.2 ", "<h2>4.3 Riskanalyser</h2>",
                            "<h2>4.4 Egenkontroller</h2>", "<h2>5. Beslut", "<h2>Handläggningstider 2025</h2>"]
            let positions = headings.map { reply.body.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(reply.body)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
            #expect(reply.body.contains("<p class=\"meta\">Kategori: inga under perioden.</p>"))
            #expect(reply.body.contains("<tr><td>Kvalitetsavvikelser</td><td class=\"n\">0</td><td class=\"n\">–</td>"))
            #expect(reply.body.hasSuffix("</body></html>"))
        }
    }
}
