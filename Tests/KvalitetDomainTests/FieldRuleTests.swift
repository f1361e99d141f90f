import KvalitetDomain
import Testing

/// Every field problem's code, its parameters and its texts: the table a form's author reads.
@Suite("Field problem codes")
struct FieldRuleTests {
    /// One rule of every code, with the parameter names it carries and its Swedish text.
    static let rows: [(rule: FieldRule, code: String, parameters: [String], swedish: String)] = [
        (.required, "required", [], "måste anges"),
        (.requiredOneOf(fields: ["plannedOn", "performedOn"]), "required_one_of", ["fields"],
         "ange minst ett av plannedOn, performedOn"),
        (.requiredWith(other: "periodFrom"), "required_with", ["other"], "måste anges när periodFrom är angivet"),
        (.requiredForStatus(status: "avslutad"), "required_for_status", ["status"], "måste anges för status avslutad"),
        (.requires(other: "investigation.completedOn"), "requires", ["other"],
         "kräver att investigation.completedOn anges först"),
        (.readOnly, "read_only", [], "sätts av tjänsten och kan inte anges"),
        (.transitionOnly, "transition_only", [], "sätts genom POST …/transitions, inte här"),
        (.unknownField, "unknown_field", [], "okänt fält"),
        (.retired, "retired", [], "tas inte längre emot; API-beskrivningen anger vad som ersätter fältet"),
        (.unchangeable, "unchangeable", [], "kan inte ändras när det väl är sparat"),
        (.wrongType(expected: "string", actual: "number"), "wrong_type", ["expected", "actual"], "måste vara en text"),
        (.notAnInteger(minimum: 1, maximum: 500), "not_an_integer", ["minimum", "maximum"],
         "måste vara ett heltal från 1 till 500"),
        (.tooManyDecimals(maxDecimals: 2), "too_many_decimals", ["maxDecimals"],
         "måste vara ett tal med högst 2 decimaler (67, 67.5, 67.25), högst 10^12 stort"),
        (.outOfRange(minimum: 1, maximum: 4), "out_of_range", ["minimum", "maximum"], "måste vara 1–4"),
        (.notADate, "not_a_date", [], "måste vara ett datum ÅÅÅÅ-MM-DD från år 1000"),
        (.notInKodverk(kodverk: "ivoKanal", allowed: ["e_tjanst", "post"]), "not_in_kodverk", ["kodverk", "allowed"],
         "måste vara en av: e_tjanst, post"),
        (.tooMany(maxItems: 100), "too_many", ["maxItems"], "får ha högst 100 poster"),
        (.tooFew(minItems: 1), "too_few", ["minItems"], "måste ha minst 1 post"),
        (.duplicate, "duplicate", [], "får inte ange samma värde två gånger"),
        (.blank, "blank", [], "får inte vara tomt: innehåller bara mellanslag eller osynliga tecken"),
        (.tooShort(minLength: 1), "too_short", ["minLength"], "får inte vara tomt"),
        (.tooLong(maxLength: 200, length: 201), "too_long", ["maxLength", "length"], "får ha högst 200 tecken (har 201)"),
        (.controlCharacters, "control_characters", [], "får inte innehålla styrtecken (bara radbrytningar och tabbar)"),
        (.inFuture(today: "2026-01-15"), "in_future", ["today"], "får inte ligga i framtiden (i dag är det 2026-01-15)"),
        (.notInFuture, "not_in_future", [], "måste ligga i framtiden"),
        (.before(other: "receivedOn", value: "2025-03-02"), "before", ["other", "value"],
         "får inte vara före receivedOn (2025-03-02)"),
        (.after(other: "reportedOn", value: "2025-03-02"), "after", ["other", "value"],
         "får inte vara efter reportedOn (2025-03-02)"),
        (.exceeds(other: "offered", value: "40"), "exceeds", ["other", "value"], "får inte vara större än offered (40)"),
        (.overlaps(other: "rod", value: "75"), "overlaps", ["other", "value"], "överlappar rod (som slutar vid 75)"),
        (.gap(other: "rod", value: "75", expected: "75.01"), "gap", ["other", "value", "expected"],
         "lämnar ett glapp efter rod (som slutar vid 75): måste vara 75.01"),
        (.notAbove(other: "rod", direction: "higher_is_better"), "not_above", ["other", "direction"],
         "måste ligga över rod när riktningen är higher_is_better"),
        (.invalidFormat(example: "U33461"), "invalid_format", ["example"], "har inte rätt form (till exempel U33461)"),
        (.pathMismatch(path: "KF24"), "path_mismatch", ["path"], "måste vara samma som i sökvägen (KF24)"),
        (.ownParent, "own_parent", [], "en enhet kan inte vara sin egen överordnade"),
        (.unknownUnit(unitId: "ifo"), "unknown_unit", ["unitId"], "det finns ingen enhet ifo"),
        (.unitNotOpen(unitId: "ifo", date: "2025-03-02"), "unit_not_open", ["unitId", "date"],
         "enheten ifo är inte öppen 2025-03-02"),
        (.onlyForMethod(method: "brukarundersokning", actual: "aktgranskning"), "only_for_method", ["method", "actual"],
         "gäller bara metoden brukarundersokning (här aktgranskning)"),
        (.onlyForSeriousAssessment(assessment: "ej_missforhallande"), "only_for_serious_assessment", ["assessment"],
         "en anmälan till IVO görs bara vid en allvarlig bedömning; rapporten är bedömd som ej_missforhallande"),
        (.cannotBeAnswered, "cannot_be_answered", [], "en anonym inlämnare kan inte få svar; lämna respondedOn tomt"),
        (.submitterMismatch(source: "personal"), "submitter_mismatch", ["source"],
         "måste vara personal när source är personal"),
        (.ownName(field: "authorName", value: "Anna Berg"), "own_name", ["field", "value"],
         "hämtas från din inloggning (Anna Berg); utelämna authorName"),
        (.databaseRule, "database_rule", [], "bryter mot en regel i databasen"),
        (.unknownParameter(allowed: ["format", "limit"]), "unknown_parameter", ["allowed"],
         "okänd parameter; kända: format, limit"),
        (.repeated, "repeated", [], "får bara anges en gång"),
        (.notOneOf(allowed: ["month", "quarter", "year"]), "not_one_of", ["allowed"],
         "måste vara month, quarter eller year"),
        (.notACursor, "not_a_cursor", [], "är inte en markör som listan har lämnat ut"),
    ]

    @Test func theTableHasARowForEveryCode() {
        #expect(Self.rows.map(\.code).sorted() == FieldProblemCode.allCases.map(\.rawValue).sorted())
    }

    @Test func noTwoCodesShareASwedishText() {
        let texts = Self.rows.map(\.swedish)
        #expect(Set(texts).count == texts.count)
    }

    @Test(arguments: rows.indices)
    func eachRuleCarriesItsCodeItsParametersAndASwedishText(index: Int) {
        let row = Self.rows[index]
        #expect(row.rule.code.rawValue == row.code)
        #expect(row.rule.parameters.map(\.name) == row.parameters, "\(row.code)")
        #expect(row.rule.swedish == row.swedish, "\(row.code)")
        #expect(!row.rule.english.isEmpty && row.rule.english != row.rule.swedish, "\(row.code)")
    }

    @Test func aProblemKeepsAMoreSpecificEnglishTextButItsRulesCodeAndSwedish() {
        let problem = FieldProblem("/unitIds", .tooFew(minItems: 1), detail: "must name at least one unit")
        #expect(problem.detail == "must name at least one unit")
        #expect(problem.rule.code == .tooFew)
        #expect(problem.rule.swedish == "måste ha minst 1 post")
        #expect(FieldProblem("/title", .required).detail == "is required")
    }

    @Test func textRulesNameTheRuleTheyBreak() {
        #expect(TextRules.check(String(repeating: "a", count: 201), min: 1, max: 200) == .tooLong(maxLength: 200, length: 201))
        #expect(TextRules.check("", min: 1, max: 200) == .tooShort(minLength: 1))
        #expect(TextRules.check("\u{200B}", min: 0, max: 200) == .blank)
        #expect(TextRules.check("a\u{7}b", min: 0, max: 200) == .controlCharacters)
    }
}
