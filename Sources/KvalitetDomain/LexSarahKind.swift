/// A kind of missförhållande a lex Sarah report concerns, as IVO's statistics and municipal lex
/// Sarah routines classify them (Socialstyrelsen's handbook on lex Sarah lists the same examples).
/// A report names one or more (`kinds`); the kvalitetsberättelse counts a report once in each.
public enum LexSarahKind: String, Code {
    case overgreppFysiskt = "overgrepp_fysiskt", overgreppPsykiskt = "overgrepp_psykiskt",
        overgreppSexuellt = "overgrepp_sexuellt", overgreppEkonomiskt = "overgrepp_ekonomiskt",
        bristerIBemotande = "brister_i_bemotande", insatsInteUtford = "insats_inte_utford",
        insatsUtfordFelaktigt = "insats_utford_felaktigt", bristerIHandlaggning = "brister_i_handlaggning",
        rojdSekretess = "rojd_sekretess", bristerIDokumentation = "brister_i_dokumentation",
        bristerITillsynOchOmsorg = "brister_i_tillsyn_och_omsorg", bristerISamverkan = "brister_i_samverkan",
        bristerIMiljoOchUtrustning = "brister_i_miljo_och_utrustning", ovrigt
    public static let listName = "lexSarahMissforhallande"
    public var label: String {
        switch self {
        case .overgreppFysiskt: "Övergrepp – fysiskt"
        case .overgreppPsykiskt: "Övergrepp – psykiskt"
        case .overgreppSexuellt: "Övergrepp – sexuellt"
        case .overgreppEkonomiskt: "Övergrepp – ekonomiskt"
        case .bristerIBemotande: "Brister i bemötande"
        case .insatsInteUtford: "Insats inte utförd"
        case .insatsUtfordFelaktigt: "Insats utförd felaktigt"
        case .bristerIHandlaggning: "Brister i handläggning och rättssäkerhet"
        case .rojdSekretess: "Röjd sekretess"
        case .bristerIDokumentation: "Brister i dokumentation"
        case .bristerITillsynOchOmsorg: "Brister i tillsyn och omsorg"
        case .bristerISamverkan: "Brister i samverkan"
        case .bristerIMiljoOchUtrustning: "Brister i fysisk miljö, utrustning och teknik"
        case .ovrigt: "Övrigt"
        }
    }

    /// Why a lex Sarah body's `category` is refused since schema 8, and what to send instead.
    public static let categoryRetired =
        "lex Sarah reports no longer take a category: send kinds, a list of one or more codes of the kodverk list "
        + "\(listName) (GET /api/v1/kodverk), e.g. \"kinds\": [\"\(insatsUtfordFelaktigt.rawValue)\"]"

    /// The kind a report classified with the avvikelse category list (schema 7 and before) has now.
    /// The same table is migration 0008's SQL `CASE`; `LexSarahKindMigrationTests` holds them equal.
    /// `utforande_av_insats` cannot tell "not carried out" from "carried out wrongly" and becomes the
    /// latter; `tillganglighet` has no kind of its own. The old category stays in the history.
    public static func replacing(_ category: AvvikelseCategory) -> LexSarahKind {
        switch category {
        case .handlaggning, .handlingar: .bristerIHandlaggning
        case .dokumentation: .bristerIDokumentation
        case .utforandeAvInsats: .insatsUtfordFelaktigt
        case .lokaler: .bristerIMiljoOchUtrustning
        case .sekretess: .rojdSekretess
        case .bemotande: .bristerIBemotande
        case .tillganglighet, .ovrigt: .ovrigt
        }
    }
}

extension ProblemList {
    /// A lex Sarah report's kinds: at least one, each once; a repeated one is reported at its own
    /// index (`/kinds/2`), naming where it first came.
    mutating func kinds(_ kinds: [LexSarahKind]?) {
        guard let kinds = require(kinds, "/kinds") else { return }
        if kinds.isEmpty {
            add(
                "/kinds", .tooFew(minItems: 1),
                detail: "must name at least one kind of missförhållande (kodverk list \(LexSarahKind.listName))")
        }
        var first: [LexSarahKind: Int] = [:]
        for (index, kind) in kinds.enumerated() {
            if let earlier = first[kind] {
                add(
                    "/kinds/\(index)", .duplicate,
                    detail: "names \(kind.rawValue) a second time (already /kinds/\(earlier))")
            } else {
                first[kind] = index
            }
        }
    }
}

extension LexSarah.Fields {
    private enum StoredKeys: String, CodingKey {
        case unitId, title, description, reportedOn, reporterRole, occurredOn, kinds, category, rootCauses,
            immediateMeasures, investigation, notes, committeeDecidedOn, ivo, measures, closedOn
    }

    /// Reads `records.body` and `record_versions.snapshot`: a version written before schema 8 has a
    /// single avvikelse `category` instead of `kinds`, and is read with its replacing kind.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StoredKeys.self)
        let kinds =
            try c.decodeIfPresent([LexSarahKind].self, forKey: .kinds)
            ?? [LexSarahKind.replacing(try c.decode(AvvikelseCategory.self, forKey: .category))]
        self.init(
            unitId: try c.decode(String.self, forKey: .unitId), title: try c.decode(String.self, forKey: .title),
            description: try c.decode(String.self, forKey: .description),
            reportedOn: try c.decode(LocalDate.self, forKey: .reportedOn),
            reporterRole: try c.decode(ReporterRole.self, forKey: .reporterRole),
            occurredOn: try c.decodeIfPresent(LocalDate.self, forKey: .occurredOn), kinds: kinds,
            rootCauses: try c.decode([RootCause].self, forKey: .rootCauses),
            immediateMeasures: try c.decodeIfPresent(LexSarah.ImmediateMeasures.self, forKey: .immediateMeasures),
            investigation: try c.decodeIfPresent(LexSarah.Investigation.self, forKey: .investigation),
            notes: try c.decode([LexSarahNote].self, forKey: .notes),
            committeeDecidedOn: try c.decodeIfPresent(LocalDate.self, forKey: .committeeDecidedOn),
            ivo: try c.decodeIfPresent(LexSarah.Ivo.self, forKey: .ivo),
            measures: try c.decode([Measure].self, forKey: .measures),
            closedOn: try c.decodeIfPresent(LocalDate.self, forKey: .closedOn))
    }
}
