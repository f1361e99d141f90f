/// The human texts of each field rule, one per language, worded from the rule's own parameters.
extension FieldRule {
    /// The English text, as a sentence fragment after the field's pointer ("/title: is required").
    public var english: String {
        switch self {
        case .required: "is required"
        case .requiredOneOf(let fields): "give at least one of " + fields.joined(separator: ", ")
        case .requiredWith(let other): "is required when \(other) is given"
        case .requiredForStatus(let status): "is required for status \(status)"
        case .requires(let other): "needs \(other) first"
        case .readOnly: "is read-only"
        case .transitionOnly: "is set through POST …/transitions, not here"
        case .unknownField: "unknown field"
        case .retired: "is no longer taken; the API description says what replaces it"
        case .unchangeable: "cannot change once stored"
        case .wrongType(let expected, let actual): "must be \(Self.englishType(expected)), not \(actual)"
        case .notAnInteger(let minimum, let maximum): "must be a whole number from \(minimum) to \(maximum)"
        case .outOfRange(let minimum, let maximum): "must be \(minimum)–\(maximum)"
        case .tooManyDecimals(let maxDecimals):
            "must be a number with at most \(maxDecimals == 2 ? "two" : "\(maxDecimals)") decimals (67, 67.5, 67.25), "
                + "at most 10^12 in size"
        case .notADate: "must be a calendar date YYYY-MM-DD from the year 1000 on"
        case .notInKodverk(_, let allowed): "must be one of: " + allowed.joined(separator: ", ")
        case .tooMany(let maxItems): "must have at most \(maxItems) items"
        case .tooFew(let minItems): "must have at least \(minItems) item" + (minItems == 1 ? "" : "s")
        case .duplicate: "must not name the same value twice"
        case .blank: "must not be empty: it holds only spaces or invisible characters"
        case .tooShort(let minLength): minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters"
        case .tooLong(let maxLength, let length): "must be at most \(maxLength) characters (is \(length))"
        case .controlCharacters: "must not contain control characters (only line breaks and tabs are allowed)"
        case .inFuture(let today): "must not be in the future (today is \(today))"
        case .notInFuture: "must lie in the future"
        case .before(let other, let value): "must not be before \(other) (\(value))"
        case .after(let other, let value): "must not be after \(other) (\(value))"
        case .exceeds(let other, let value): "must not exceed \(other) (\(value))"
        case .overlaps(let other, let value): "overlaps \(other) (which ends at \(value))"
        case .gap(let other, let value, let expected):
            "leaves a gap after \(other) (which ends at \(value)): must be \(expected)"
        case .notAbove(let other, let direction): "must lie above \(other) when the direction is \(direction)"
        case .invalidFormat(let example): "is not in the expected form (such as \(example))"
        case .pathMismatch(let path): "must match the path (\(path))"
        case .ownParent: "a unit cannot be its own parent"
        case .unknownUnit(let unitId): "no unit \(unitId)"
        case .unitNotOpen(let unitId, let date): "unit \(unitId) is not open on \(date)"
        case .onlyForMethod(let method, let actual): "is only for method \(method) (this is \(actual))"
        case .onlyForSeriousAssessment(let assessment):
            "an IVO report is only made for a serious assessment; this report is assessed as \(assessment)"
        case .cannotBeAnswered: "an anonymous submitter cannot be answered; leave respondedOn empty"
        case .submitterMismatch(let source):
            source == "personal"
                ? "must be personal when source is personal"
                : "cannot be personal when source is \(source) (use source personal)"
        case .ownName(let field, let value): "comes from your sign-in (\(value)); leave \(field) out"
        case .databaseRule: "violates a database rule"
        case .unknownParameter(let allowed):
            "unknown parameter; known: " + (allowed.isEmpty ? "none" : allowed.joined(separator: ", "))
        case .repeated: "given more than once"
        case .notOneOf(let allowed): "must be " + Self.englishChoice(allowed)
        case .notACursor: "is not a cursor this list returned"
        }
    }

    /// The Swedish text, for `Accept-Language: sv`; field names and codes stay as the API spells them.
    public var swedish: String {
        switch self {
        case .required: "måste anges"
        case .requiredOneOf(let fields): "ange minst ett av " + fields.joined(separator: ", ")
        case .requiredWith(let other): "måste anges när \(other) är angivet"
        case .requiredForStatus(let status): "måste anges för status \(status)"
        case .requires(let other): "kräver att \(other) anges först"
        case .readOnly: "sätts av tjänsten och kan inte anges"
        case .transitionOnly: "sätts genom POST …/transitions, inte här"
        case .unknownField: "okänt fält"
        case .retired: "tas inte längre emot; API-beskrivningen anger vad som ersätter fältet"
        case .unchangeable: "kan inte ändras när det väl är sparat"
        case .wrongType(let expected, _): "måste vara \(Self.swedishType(expected))"
        case .notAnInteger(let minimum, let maximum): "måste vara ett heltal från \(minimum) till \(maximum)"
        case .outOfRange(let minimum, let maximum): "måste vara \(minimum)–\(maximum)"
        case .tooManyDecimals(let maxDecimals):
            "måste vara ett tal med högst \(maxDecimals) decimaler (67, 67.5, 67.25), högst 10^12 stort"
        case .notADate: "måste vara ett datum ÅÅÅÅ-MM-DD från år 1000"
        case .notInKodverk(_, let allowed): "måste vara en av: " + allowed.joined(separator: ", ")
        case .tooMany(let maxItems): "får ha högst \(maxItems) poster"
        case .tooFew(let minItems): "måste ha minst \(minItems) " + (minItems == 1 ? "post" : "poster")
        case .duplicate: "får inte ange samma värde två gånger"
        case .blank: "får inte vara tomt: innehåller bara mellanslag eller osynliga tecken"
        case .tooShort(let minLength): minLength == 1 ? "får inte vara tomt" : "måste ha minst \(minLength) tecken"
        case .tooLong(let maxLength, let length): "får ha högst \(maxLength) tecken (har \(length))"
        case .controlCharacters: "får inte innehålla styrtecken (bara radbrytningar och tabbar)"
        case .inFuture(let today): "får inte ligga i framtiden (i dag är det \(today))"
        case .notInFuture: "måste ligga i framtiden"
        case .before(let other, let value): "får inte vara före \(other) (\(value))"
        case .after(let other, let value): "får inte vara efter \(other) (\(value))"
        case .exceeds(let other, let value): "får inte vara större än \(other) (\(value))"
        case .overlaps(let other, let value): "överlappar \(other) (som slutar vid \(value))"
        case .gap(let other, let value, let expected):
            "lämnar ett glapp efter \(other) (som slutar vid \(value)): måste vara \(expected)"
        case .notAbove(let other, let direction): "måste ligga över \(other) när riktningen är \(direction)"
        case .invalidFormat(let example): "har inte rätt form (till exempel \(example))"
        case .pathMismatch(let path): "måste vara samma som i sökvägen (\(path))"
        case .ownParent: "en enhet kan inte vara sin egen överordnade"
        case .unknownUnit(let unitId): "det finns ingen enhet \(unitId)"
        case .unitNotOpen(let unitId, let date): "enheten \(unitId) är inte öppen \(date)"
        case .onlyForMethod(let method, let actual): "gäller bara metoden \(method) (här \(actual))"
        case .onlyForSeriousAssessment(let assessment):
            "en anmälan till IVO görs bara vid en allvarlig bedömning; rapporten är bedömd som \(assessment)"
        case .cannotBeAnswered: "en anonym inlämnare kan inte få svar; lämna respondedOn tomt"
        case .submitterMismatch(let source):
            source == "personal"
                ? "måste vara personal när source är personal"
                : "kan inte vara personal när source är \(source) (använd source personal)"
        case .ownName(let field, let value): "hämtas från din inloggning (\(value)); utelämna \(field)"
        case .databaseRule: "bryter mot en regel i databasen"
        case .unknownParameter(let allowed):
            "okänd parameter; kända: " + (allowed.isEmpty ? "inga" : allowed.joined(separator: ", "))
        case .repeated: "får bara anges en gång"
        case .notOneOf(let allowed): "måste vara " + Self.swedishChoice(allowed)
        case .notACursor: "är inte en markör som listan har lämnat ut"
        }
    }

    /// "json or csv", "month, quarter or year".
    static func englishChoice(_ allowed: [String]) -> String {
        allowed.count < 2 ? allowed.joined() : allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
    }

    /// "json eller csv", "month, quarter eller year".
    static func swedishChoice(_ allowed: [String]) -> String {
        allowed.count < 2 ? allowed.joined() : allowed.dropLast().joined(separator: ", ") + " eller " + allowed.last!
    }

    static func englishType(_ type: String) -> String {
        switch type {
        case "boolean": "true or false"
        case "integer": "a whole number"
        case "object": "an object"
        case "array": "an array"
        default: "a \(type)"
        }
    }

    static func swedishType(_ type: String) -> String {
        switch type {
        case "string": "en text"
        case "boolean": "true eller false"
        case "integer": "ett heltal"
        case "number": "ett tal"
        case "object": "ett objekt"
        case "array": "en lista"
        default: type
        }
    }
}
