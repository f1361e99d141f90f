/// Who made a lex Sarah report: only those working in the service have the duty (brukare complain instead).
public enum ReporterRole: String, Code {
    case anstalld, uppdragstagare, praktikant, deltagareArbetsmarknadsprogram = "deltagare_arbetsmarknadsprogram"
    public static let listName = "lexSarahRapportorsRoll"
    public var label: String {
        switch self {
        case .anstalld: "Anställd"
        case .uppdragstagare: "Uppdragstagare"
        case .praktikant: "Praktikant"
        case .deltagareArbetsmarknadsprogram: "Deltagare i arbetsmarknadspolitiskt program"
        }
    }
}

/// The investigation's assessment (*bedömning*); the last two are serious and go to IVO.
public enum LexSarahAssessment: String, Code {
    case ejMissforhallande = "ej_missforhallande", patagligRiskForMissforhallande = "pataglig_risk_for_missforhallande",
        missforhallande, patagligRiskForAllvarligtMissforhallande = "pataglig_risk_for_allvarligt_missforhallande",
        allvarligtMissforhallande = "allvarligt_missforhallande"
    public static let listName = "lexSarahBedomning"
    public var label: String {
        switch self {
        case .ejMissforhallande: "Ej missförhållande"
        case .patagligRiskForMissforhallande: "Påtaglig risk för missförhållande"
        case .missforhallande: "Missförhållande"
        case .patagligRiskForAllvarligtMissforhallande: "Påtaglig risk för allvarligt missförhållande"
        case .allvarligtMissforhallande: "Allvarligt missförhållande"
        }
    }

    /// *Allvarligt* (or a påtaglig risk of it): must be reported to IVO.
    public var isSerious: Bool {
        self == .patagligRiskForAllvarligtMissforhallande || self == .allvarligtMissforhallande
    }
}

/// Whether a documented piece of information is a fact or someone's assessment (SOSFS 2011:5).
public enum NoteKind: String, Code {
    case faktum, bedomning
    public static let listName = "lexSarahAnteckningstyp"
    public var label: String {
        switch self {
        case .faktum: "Faktum"
        case .bedomning: "Bedömning"
        }
    }
}

/// How the anmälan reached IVO.
public enum IvoChannel: String, Code {
    case eTjanst = "e_tjanst", post
    public static let listName = "ivoKanal"
    public var label: String {
        switch self {
        case .eTjanst: "E-tjänst"
        case .post: "Post"
        }
    }
}

/// Where a lex Sarah report is in its handling.
public enum LexSarahStatus: String, Code {
    case rapporterad, underUtredning = "under_utredning", bedomd, avslutad
    public static let listName = "lexSarahStatus"
    public var label: String {
        switch self {
        case .rapporterad: "Rapporterad"
        case .underUtredning: "Under utredning"
        case .bedomd: "Bedömd"
        case .avslutad: "Avslutad"
        }
    }
}
