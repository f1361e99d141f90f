import Mustache

/// The kvalitetsberättelse's page as swift-mustache templates (every `{{value}}` HTML-escaped), embedded
/// in the binary so that neither the release build nor the Docker image needs a resource folder.
enum ReportHTMLTemplates {
    /// The page, its partials and every value it names; `ReportPage` is what it renders.
    static let library: MustacheLibrary = {
        do {
            return MustacheLibrary(templates: [
                "page": try MustacheTemplate(string: page), "codeTable": try MustacheTemplate(string: codeTable),
                "chart": try MustacheTemplate(string: chart), "nyckeltal": try MustacheTemplate(string: nyckeltal),
            ])
        } catch {
            preconditionFailure("the report's templates do not parse: \(error)")
        }
    }()

    static let style = """
        body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;color:#222;line-height:1.45}
        h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1f4e79;color:#1f4e79;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #bbb;padding:.25rem \
        .6rem;text-align:left}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555}figure{margin:1rem 0}
        figcaption{font-size:.9rem;color:#444}@media print{h2{break-after:avoid}figure,table{break-inside:avoid}}
        """

    static let page = """
        <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kvalitetsberättelse {{year}}</title>
        <style>\(style)</style></head><body>
        <h1>Kvalitetsberättelse {{year}}</h1>
        <p class="meta">{{scopeName}} · Analysperiod {{analysisFrom}}–{{analysisTo}} · Framtagen {{generatedOn}}
        · Siffror inom parentes avser {{previousYear}}.</p>
        <h2>4.1 Inkomna klagomål, synpunkter, avvikelser och lex Sarah</h2>
        <table><tr><th>Inkommet under {{year}}</th><th class="n">Antal (föregående år)</th></tr>
        {{#received}}
        <tr><td>{{label}}</td><td class="n">{{value}}</td></tr>
        {{/received}}
        </table>
        {{#charts}}
        {{> chart}}
        {{/charts}}
        <h3>Lex Sarah</h3><table>
        {{#lexSarah}}
        <tr><td>{{label}}</td><td class="n">{{value}}</td></tr>
        {{/lexSarah}}
        </table>
        <h2>4.2 Sammanställning och analys {{analysisFrom}}–{{analysisTo}}</h2>
        {{#analysis}}
        <h3>{{heading}}</h3>
        {{#tables}}
        {{> codeTable}}
        {{/tables}}
        {{/analysis}}
        <h2>4.3 Riskanalyser</h2>
        {{#riskanalyser}}
        <p>{{count}} genomförda riskanalyser, varav {{documented}} dokumenterade; {{highRisks}} risker bedömda som \
        höga eller mycket höga. Riskanalyser finns för {{departmentsCovered}} av {{departmentsTotal}} avdelningar \
        och {{sectionsCovered}} av {{sectionsTotal}} sektioner.</p>
        {{#tables}}
        {{> codeTable}}
        {{/tables}}
        {{/riskanalyser}}
        <h2>4.4 Egenkontroller</h2>
        {{#egenkontroller}}
        <p>{{count}} genomförda egenkontroller, varav {{documented}} dokumenterade och {{withDeficiencies}} med \
        brister. \
        Egenkontroller finns för {{departmentsCovered}} av {{departmentsTotal}} avdelningar \
        och {{sectionsCovered}} av {{sectionsTotal}} sektioner.</p>
        <p>Brukarundersökningar: {{surveyOffered}} erbjöds att svara, {{surveyResponses}} svarade{{responseRate}}.</p>
        {{#tables}}
        {{> codeTable}}
        {{/tables}}
        {{/egenkontroller}}
        <h2>5. Beslut från tillsynsmyndigheter</h2>
        <table><tr><th>Myndighet</th><th class="n">Beslut</th><th class="n">Ärenden</th><th class="n">Ärenden med \
        brister</th></tr>
        {{#tillsyn}}
        <tr><td>{{authority}}</td><td class="n">{{decisions}}</td><td class="n">{{cases}}</td><td \
        class="n">{{withDeficiencies}}</td></tr>
        {{/tillsyn}}
        </table>
        <h2>Handläggningstider {{year}}</h2>
        <table><tr><th></th><th class="n">Avslutade</th><th class="n">Median, dagar</th><th class="n">90:e percentil, \
        dagar</th></tr>
        {{#handlingTimes}}
        <tr><td>{{name}}</td><td class="n">{{closed}}</td><td class="n">{{median}}</td><td class="n">{{p90}}</td></tr>
        {{/handlingTimes}}
        </table>
        {{> nyckeltal}}
        </body></html>
        """

    static let codeTable = """
        {{#hasRows}}<table><tr><th>{{heading}}</th><th class="n">Antal</th></tr>{{#rows}}<tr><td>{{label}}</td>\
        <td class="n">{{count}}</td></tr>{{/rows}}</table>{{#hasNote}}<p class="meta">{{note}}</p>{{/hasNote}}\
        {{/hasRows}}\
        {{^hasRows}}<p class="meta">{{heading}}: inga under perioden.</p>{{/hasRows}}
        """

    static let chart = """
        <figure>{{#hasAreas}}<svg xmlns="http://www.w3.org/2000/svg" width="{{width}}" height="{{svgHeight}}" \
        role="img" aria-label="{{title}} per område och år">\
        <line x1="{{left}}" y1="{{axisY}}" x2="{{width}}" y2="{{axisY}}" stroke="#444"/>\
        <text x="{{labelX}}" y="{{maximumY}}" font-size="11" text-anchor="end">{{maximum}}</text>\
        <text x="{{labelX}}" y="{{axisY}}" font-size="11" text-anchor="end">0</text>\
        {{#bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" fill="{{fill}}">\
        <title>{{area}} {{year}}: {{count}}</title></rect>{{/bars}}\
        {{#years}}<text x="{{x}}" y="{{y}}" font-size="12" text-anchor="middle">{{year}}</text>{{/years}}\
        {{#legend}}<rect x="{{x}}" y="{{y}}" width="12" height="12" fill="{{fill}}"/>\
        <text x="{{textX}}" y="{{textY}}" font-size="12">{{area}}</text>{{/legend}}</svg>{{/hasAreas}}\
        <figcaption>{{title}}: {{caption}}</figcaption></figure>
        """

    static let nyckeltal = """
        {{#hasNyckeltal}}<h2>Nyckeltal {{year}}</h2><table><tr><th>Nyckeltal</th><th class="n">{{year}}</th>\
        <th>Nivå</th><th class="n">{{previousYear}}</th><th class="n">Kommunen (Kolada)</th>\
        <th class="n">Liknande kommuner</th><th class="n">Riket</th></tr>\
        {{#nyckeltal}}<tr><td>{{code}} {{name}}</td><td class="n">{{value}}</td>\
        <td>{{#level}}<span style="color:{{colour}};font-weight:bold">{{word}}</span>{{/level}}\
        {{^level}}–{{/level}}</td>\
        <td class="n">{{previous}}</td><td class="n">{{municipality}}</td><td class="n">{{group}}</td>\
        <td class="n">{{national}}</td></tr>{{/nyckeltal}}</table>{{/hasNyckeltal}}
        """
}
