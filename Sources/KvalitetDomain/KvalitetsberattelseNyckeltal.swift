/// One key figure in the kvalitetsberättelse: the year's value and level, the year before, and
/// Kolada's comparison values for the year where they were imported. No analysis text: the report
/// is an aggregate that readers without access to free text may see.
public struct NyckeltalFigure: Sendable, Equatable {
    public var code: String
    public var name: String
    public var unit: NyckeltalUnit
    public var direction: NyckeltalDirection
    /// The value for the period that is the whole year, at the report's unit (nil: the whole organisation).
    public var value: FixedDecimal?
    public var level: QualityLevel?
    public var previousYear: FixedDecimal?
    public var previousLevel: QualityLevel?
    public var comparison: KoladaComparison

    public init(nyckeltal: Nyckeltal, value: FixedDecimal?, previousYear: FixedDecimal?, comparison: KoladaComparison) {
        code = nyckeltal.code
        name = nyckeltal.name
        unit = nyckeltal.unit
        direction = nyckeltal.direction
        self.value = value
        level = value.flatMap(nyckeltal.qualityLevels.level(of:))
        self.previousYear = previousYear
        previousLevel = previousYear.flatMap(nyckeltal.qualityLevels.level(of:))
        self.comparison = comparison
    }
}

/// Kolada's values for one year: the municipality and group of the KPI's latest import, and the country.
public struct KoladaComparison: Sendable, Equatable {
    public var kpi: String?
    public var municipalityId: String?
    public var municipality: Double?
    public var groupId: String?
    public var group: Double?
    public var national: Double?

    public init(kpi: String?, municipalityId: String? = nil, municipality: Double? = nil, groupId: String? = nil,
                group: Double? = nil, national: Double? = nil) {
        self.kpi = kpi
        self.municipalityId = municipalityId
        self.municipality = municipality
        self.groupId = groupId
        self.group = group
        self.national = national
    }
}
