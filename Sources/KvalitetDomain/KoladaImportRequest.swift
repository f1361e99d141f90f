/// What an import from Kolada asks for: a KPI, the municipality, optionally its comparison group,
/// and a span of years. The country (`0000`) is always fetched too, so every import can be compared.
public struct KoladaImportRequest: Sendable, Equatable {
    public let kpi: String
    public let municipality: String
    public let group: String?
    public let years: ClosedRange<Int>

    /// Kolada keeps values from the 1990s on; fifty years is more than anyone compares.
    public static let maxYears = 50

    /// The ids to fetch: the municipality, the group, the country; each once.
    public var municipalityIds: [String] {
        var ids = [municipality]
        if let group, !ids.contains(group) { ids.append(group) }
        if !ids.contains("0000") { ids.append("0000") }
        return ids
    }

    /// Validates every part, reporting under `/kpi`, `/municipality`, `/group` and `/years`.
    public static func make(
        kpi: String?, municipality: String?, group: String?, years: String?
    ) -> Result<KoladaImportRequest, DomainError> {
        var problems = ProblemList()
        if let kpi {
            if !Nyckeltal.isValidKpi(kpi) {
                problems.add("/kpi", .invalidFormat(example: "U33461"),
                    detail: "must be a Kolada KPI id such as U33461")
            }
        } else {
            problems.add("/kpi", .required, detail: "is required (the key figure has no koladaKpi)")
        }
        if let municipality {
            if let problem = KoladaId.municipalityProblem(municipality) {
                problems.add("/municipality", .invalidFormat(example: "1315"), detail: problem)
            }
        } else {
            problems.add("/municipality", .required)
        }
        if let group, let problem = KoladaId.groupProblem(group) {
            problems.add("/group", .invalidFormat(example: "G36535"), detail: problem)
        }
        let span = years.flatMap(parseYears)
        if years == nil {
            problems.add("/years", .required)
        } else if span == nil {
            problems.add(
                "/years", .invalidFormat(example: "2020-2025"),
                detail: "must be a year or a span of at most \(maxYears) years, such as 2020-2025")
        }
        guard problems.isEmpty, let kpi, let municipality, let span else {
            return .failure(.invalid(problems.problems))
        }
        return .success(KoladaImportRequest(kpi: kpi, municipality: municipality, group: group, years: span))
    }

    /// `2020` or `2020-2025`, within the years the service knows and at most `maxYears` long.
    public static func parseYears(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let first = Int(parts[0]), let last = Int(parts[parts.count - 1]), first <= last,
            NyckeltalPeriod.years.contains(first), NyckeltalPeriod.years.contains(last), last - first < maxYears
        else { return nil }
        return first...last
    }

    init(kpi: String, municipality: String, group: String?, years: ClosedRange<Int>) {
        self.kpi = kpi
        self.municipality = municipality
        self.group = group
        self.years = years
    }
}
