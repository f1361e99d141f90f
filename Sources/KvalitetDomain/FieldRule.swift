/// What is wrong with one value of a request, as a stable code with its parameters: the one list of
/// every field problem the service reports (problem+json `errors[].code`, openapi.yaml
/// `FieldProblemCode`, README "Error codes"), with its English and Swedish text for a form to show.
public enum FieldRule: Sendable, Equatable {
    case required
    case requiredOneOf(fields: [String])
    case requiredWith(other: String)
    case requiredForStatus(status: String)
    case requires(other: String)
    case readOnly, transitionOnly, unknownField, unchangeable
    /// A member the service no longer takes; the detail says what to send instead.
    case retired
    /// A JSON type other than `expected` (`string`, `boolean`, `integer`, `number`, `object`, `array`).
    case wrongType(expected: String, actual: String)
    case notAnInteger(minimum: Int, maximum: Int)
    /// A number with more decimals than `maxDecimals`, or over 10^12 in size.
    case tooManyDecimals(maxDecimals: Int)
    case outOfRange(minimum: Int, maximum: Int)
    case notADate
    case notInKodverk(kodverk: String, allowed: [String])
    case tooMany(maxItems: Int)
    case tooFew(minItems: Int)
    case duplicate
    case blank
    case tooShort(minLength: Int)
    case tooLong(maxLength: Int, length: Int)
    case controlCharacters
    case inFuture(today: String)
    case notInFuture
    case before(other: String, value: String)
    case after(other: String, value: String)
    case exceeds(other: String, value: String)
    case overlaps(other: String, value: String)
    case gap(other: String, value: String, expected: String)
    case notAbove(other: String, direction: String)
    case invalidFormat(example: String)
    case pathMismatch(path: String)
    case ownParent
    case unknownUnit(unitId: String)
    case unitNotOpen(unitId: String, date: String)
    case onlyForMethod(method: String, actual: String)
    case onlyForSeriousAssessment(assessment: String)
    case cannotBeAnswered
    case submitterMismatch(source: String)
    case ownName(field: String, value: String)
    case databaseRule
    /// A query parameter the operation does not take; `allowed` are the ones it does.
    case unknownParameter(allowed: [String])
    /// A query parameter given more than once.
    case repeated
    /// A query parameter's value outside its fixed set (`format`, `interval`, `true`/`false`).
    case notOneOf(allowed: [String])
    /// A `cursor` the list did not hand out.
    case notACursor

    /// The stable code.
    public var code: FieldProblemCode {
        switch self {
        case .required: .required
        case .requiredOneOf: .requiredOneOf
        case .requiredWith: .requiredWith
        case .requiredForStatus: .requiredForStatus
        case .requires: .requires
        case .readOnly: .readOnly
        case .transitionOnly: .transitionOnly
        case .unknownField: .unknownField
        case .retired: .retired
        case .unchangeable: .unchangeable
        case .wrongType: .wrongType
        case .notAnInteger: .notAnInteger
        case .tooManyDecimals: .tooManyDecimals
        case .outOfRange: .outOfRange
        case .notADate: .notADate
        case .notInKodverk: .notInKodverk
        case .tooMany: .tooMany
        case .tooFew: .tooFew
        case .duplicate: .duplicate
        case .blank: .blank
        case .tooShort: .tooShort
        case .tooLong: .tooLong
        case .controlCharacters: .controlCharacters
        case .inFuture: .inFuture
        case .notInFuture: .notInFuture
        case .before: .before
        case .after: .after
        case .exceeds: .exceeds
        case .overlaps: .overlaps
        case .gap: .gap
        case .notAbove: .notAbove
        case .invalidFormat: .invalidFormat
        case .pathMismatch: .pathMismatch
        case .ownParent: .ownParent
        case .unknownUnit: .unknownUnit
        case .unitNotOpen: .unitNotOpen
        case .onlyForMethod: .onlyForMethod
        case .onlyForSeriousAssessment: .onlyForSeriousAssessment
        case .cannotBeAnswered: .cannotBeAnswered
        case .submitterMismatch: .submitterMismatch
        case .ownName: .ownName
        case .databaseRule: .databaseRule
        case .unknownParameter: .unknownParameter
        case .repeated: .repeated
        case .notOneOf: .notOneOf
        case .notACursor: .notACursor
        }
    }

    /// The parameters a form needs to word the problem itself, in a fixed order.
    public var parameters: [(name: String, value: ProblemValue)] {
        switch self {
        case .requiredOneOf(let fields): [("fields", .strings(fields))]
        case .requiredWith(let other), .requires(let other): [("other", .string(other))]
        case .requiredForStatus(let status): [("status", .string(status))]
        case .wrongType(let expected, let actual): [("expected", .string(expected)), ("actual", .string(actual))]
        case .notAnInteger(let minimum, let maximum), .outOfRange(let minimum, let maximum):
            [("minimum", .int(minimum)), ("maximum", .int(maximum))]
        case .notInKodverk(let kodverk, let allowed): [("kodverk", .string(kodverk)), ("allowed", .strings(allowed))]
        case .unknownParameter(let allowed), .notOneOf(let allowed): [("allowed", .strings(allowed))]
        case .tooMany(let maxItems): [("maxItems", .int(maxItems))]
        case .tooManyDecimals(let maxDecimals): [("maxDecimals", .int(maxDecimals))]
        case .tooFew(let minItems): [("minItems", .int(minItems))]
        case .tooShort(let minLength): [("minLength", .int(minLength))]
        case .tooLong(let maxLength, let length): [("maxLength", .int(maxLength)), ("length", .int(length))]
        case .inFuture(let today): [("today", .string(today))]
        case .before(let other, let value), .after(let other, let value), .exceeds(let other, let value),
            .overlaps(let other, let value):
            [("other", .string(other)), ("value", .string(value))]
        case .gap(let other, let value, let expected):
            [("other", .string(other)), ("value", .string(value)), ("expected", .string(expected))]
        case .notAbove(let other, let direction): [("other", .string(other)), ("direction", .string(direction))]
        case .invalidFormat(let example): [("example", .string(example))]
        case .pathMismatch(let path): [("path", .string(path))]
        case .unknownUnit(let unitId): [("unitId", .string(unitId))]
        case .unitNotOpen(let unitId, let date): [("unitId", .string(unitId)), ("date", .string(date))]
        case .onlyForMethod(let method, let actual): [("method", .string(method)), ("actual", .string(actual))]
        case .onlyForSeriousAssessment(let assessment): [("assessment", .string(assessment))]
        case .submitterMismatch(let source): [("source", .string(source))]
        case .ownName(let field, let value): [("field", .string(field)), ("value", .string(value))]
        case .required, .readOnly, .transitionOnly, .unknownField, .retired, .unchangeable, .notADate, .duplicate,
            .blank, .controlCharacters, .notInFuture, .ownParent, .cannotBeAnswered, .databaseRule, .repeated,
            .notACursor:
            []
        }
    }
}

/// A parameter's value in a field problem.
public enum ProblemValue: Sendable, Equatable {
    case int(Int)
    case string(String)
    case strings([String])
}

/// The stable, machine-readable code of a field problem (problem+json `errors[].code`; openapi.yaml
/// `FieldProblemCode`; README "Error codes"), lower snake_case; `FieldRule` gives its parameters.
public enum FieldProblemCode: String, CaseIterable, Sendable {
    case required
    case requiredOneOf = "required_one_of"
    case requiredWith = "required_with"
    case requiredForStatus = "required_for_status"
    case requires
    case readOnly = "read_only"
    case transitionOnly = "transition_only"
    case unknownField = "unknown_field"
    case retired
    case unchangeable
    case wrongType = "wrong_type"
    case notAnInteger = "not_an_integer"
    case tooManyDecimals = "too_many_decimals"
    case outOfRange = "out_of_range"
    case notADate = "not_a_date"
    case notInKodverk = "not_in_kodverk"
    case tooMany = "too_many"
    case tooFew = "too_few"
    case duplicate
    case blank
    case tooShort = "too_short"
    case tooLong = "too_long"
    case controlCharacters = "control_characters"
    case inFuture = "in_future"
    case notInFuture = "not_in_future"
    case before
    case after
    case exceeds
    case overlaps
    case gap
    case notAbove = "not_above"
    case invalidFormat = "invalid_format"
    case pathMismatch = "path_mismatch"
    case ownParent = "own_parent"
    case unknownUnit = "unknown_unit"
    case unitNotOpen = "unit_not_open"
    case onlyForMethod = "only_for_method"
    case onlyForSeriousAssessment = "only_for_serious_assessment"
    case cannotBeAnswered = "cannot_be_answered"
    case submitterMismatch = "submitter_mismatch"
    case ownName = "own_name"
    case databaseRule = "database_rule"
    case unknownParameter = "unknown_parameter"
    case repeated
    case notOneOf = "not_one_of"
    case notACursor = "not_a_cursor"
}
