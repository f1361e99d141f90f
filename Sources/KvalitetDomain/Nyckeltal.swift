import Foundation

/// A key figure's definition: what is measured, which way is good, and the decided quality levels.
public struct Nyckeltal: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var description: String
    public var unit: NyckeltalUnit
    public var direction: NyckeltalDirection
    /// The Kolada KPI it is compared with (`U33461`), nil for the municipality's own measures.
    public var koladaKpi: String?
    /// Where the figure comes from ("Egen mätning", a system's name).
    public var source: String
    public var qualityLevels: QualityLevels

    public init(
        code: String, name: String, description: String, unit: NyckeltalUnit, direction: NyckeltalDirection,
        koladaKpi: String?, source: String, qualityLevels: QualityLevels
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.unit = unit
        self.direction = direction
        self.koladaKpi = koladaKpi
        self.source = source
        self.qualityLevels = qualityLevels
    }

    /// `[A-Za-z0-9_-]{1,32}`: safe in paths and CSV, and the codes municipalities use (`KF24`).
    public static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= 32
            && code.utf8.allSatisfy { byte in
                (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45
                    || byte == 95
            }
    }

    /// Kolada KPI ids are a capital letter and digits (`U33461`, `N00945`).
    public static func isValidKpi(_ kpi: String) -> Bool {
        let bytes = Array(kpi.utf8)
        return bytes.count >= 2 && bytes.count <= 16 && (65...90).contains(bytes[0])
            && bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    public func validate() -> [FieldProblem] {
        var problems = ProblemList()
        if !Self.isValidCode(code) {
            problems.add(
                "/code", .invalidFormat(example: "KF24"),
                detail: "must be 1–32 characters of A–Z, a–z, 0–9, _ and -")
        }
        TextRules.check(name, pointer: "/name", min: 1, max: TextRules.titleMax, into: &problems)
        TextRules.check(description, pointer: "/description", min: 0, max: TextRules.shortTextMax, into: &problems)
        TextRules.check(source, pointer: "/source", min: 0, max: TextRules.nameMax, into: &problems)
        if let koladaKpi, !Self.isValidKpi(koladaKpi) {
            problems.add(
                "/koladaKpi", .invalidFormat(example: "U33461"), detail: "must be a Kolada KPI id such as U33461")
        }
        problems.add(contentsOf: qualityLevels.problems(direction: direction))
        return problems.problems
    }
}

/// The written analysis of one period (the four headings of the municipalities' analysis template).
/// Free text written by staff that may name people: read like a record's details, and audited.
public struct NyckeltalAnalysis: Sendable, Equatable, Codable {
    /// *Nulägesbeskrivning*: the result and its level, the trend, the comparison.
    public var currentState: String
    /// *Påverkande faktorer*: why the result is what it is.
    public var factors: String
    /// *Förslag på åtgärder*.
    public var measures: String
    /// *Konsekvensbeskrivning*: what follows if nothing is done.
    public var consequences: String

    public init(currentState: String, factors: String, measures: String, consequences: String) {
        self.currentState = currentState
        self.factors = factors
        self.measures = measures
        self.consequences = consequences
    }

    public static let keys = ["currentState", "factors", "measures", "consequences"]

    public var texts: [String] { [currentState, factors, measures, consequences] }

    /// Each part may be empty (a draft is saved part by part) but not all four at once.
    public func validate() -> [FieldProblem] {
        var problems = ProblemList()
        for (key, text) in zip(Self.keys, texts) {
            TextRules.check(text, pointer: "/\(key)", min: 0, max: TextRules.descriptionMax, into: &problems)
        }
        if problems.isEmpty, texts.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            problems.add(
                "/currentState", .requiredOneOf(fields: Self.keys),
                detail: "an analysis needs text under at least one heading")
        }
        return problems.problems
    }
}

/// A stored key figure, voidable like a record, never removed.
public struct StoredNyckeltal: Sendable, Equatable {
    public var nyckeltal: Nyckeltal
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var voided: Voiding?

    public init(
        nyckeltal: Nyckeltal, version: Int, createdAt: Date, createdBy: String, updatedAt: Date, voided: Voiding?
    ) {
        self.nyckeltal = nyckeltal
        self.version = version
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.voided = voided
    }
}

/// One measured value of a key figure: for the whole organisation (`unitId` nil) or one unit.
public struct NyckeltalValue: Sendable, Equatable {
    public var code: String
    public var period: NyckeltalPeriod
    public var unitId: String?
    public var value: FixedDecimal
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String

    public init(
        code: String, period: NyckeltalPeriod, unitId: String?, value: FixedDecimal, version: Int, updatedAt: Date,
        updatedBy: String
    ) {
        self.code = code
        self.period = period
        self.unitId = unitId
        self.value = value
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// A stored analysis of one period, versioned like a record.
public struct StoredAnalysis: Sendable, Equatable {
    public var code: String
    public var period: NyckeltalPeriod
    public var analysis: NyckeltalAnalysis
    public var version: Int
    public var changedAt: Date
    public var changedBy: String
    public var requestId: String?

    public init(
        code: String, period: NyckeltalPeriod, analysis: NyckeltalAnalysis, version: Int, changedAt: Date,
        changedBy: String, requestId: String?
    ) {
        self.code = code
        self.period = period
        self.analysis = analysis
        self.version = version
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.requestId = requestId
    }
}

/// One year's value from Kolada for a municipality, a group (`G…`) or the country (`0000`).
public struct KoladaValue: Sendable, Equatable {
    public var kpi: String
    public var municipality: String
    public var year: Int
    public var value: Double
    public var fetchedAt: Date

    public init(kpi: String, municipality: String, year: Int, value: Double, fetchedAt: Date) {
        self.kpi = kpi
        self.municipality = municipality
        self.year = year
        self.value = value
        self.fetchedAt = fetchedAt
    }

    public var scope: KoladaScope? { KoladaScope(municipalityId: municipality) }
}
