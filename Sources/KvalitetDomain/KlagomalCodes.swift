/// Where a complaint or suggestion came from: outside the organisation, or from its own staff.
public enum KlagomalSource: String, Code {
    case utomstaende, personal
    public static let listName = "klagomalKalla"
    public var label: String {
        switch self {
        case .utomstaende: "Utomstående"
        case .personal: "Personal"
        }
    }
}

/// Who submitted a complaint or suggestion.
public enum KlagomalSubmitter: String, Code {
    case brukare, narstaende, vardgivare, annanUtforare = "annan_utforare", myndighet,
         foreningOrganisation = "forening_organisation", personal, anonym
    public static let listName = "klagomalInlamnare"
    public var label: String {
        switch self {
        case .brukare: "Brukare"
        case .narstaende: "Närstående"
        case .vardgivare: "Vårdgivare"
        case .annanUtforare: "Annan utförare"
        case .myndighet: "Myndighet"
        case .foreningOrganisation: "Förening eller organisation"
        case .personal: "Personal"
        case .anonym: "Anonym"
        }
    }
}

/// Whether it is a complaint, a suggestion or praise.
public enum KlagomalType: String, Code {
    case klagomal, synpunkt, berom
    public static let listName = "klagomalTyp"
    public var label: String {
        switch self {
        case .klagomal: "Klagomål"
        case .synpunkt: "Synpunkt"
        case .berom: "Beröm"
        }
    }
}

/// What a complaint or suggestion concerns, the basis of the yearly analysis.
public enum KlagomalSubject: String, Code {
    case bemotande, beslut, handlaggning, tillganglighet, insats, boendemiljo, information, ovrigt
    public static let listName = "klagomalAmne"
    public var label: String {
        switch self {
        case .bemotande: "Bemötande"
        case .beslut: "Beslut"
        case .handlaggning: "Handläggning"
        case .tillganglighet: "Tillgänglighet"
        case .insats: "Insats"
        case .boendemiljo: "Boendemiljö"
        case .information: "Information"
        case .ovrigt: "Övrigt"
        }
    }
}

/// What the investigation of a complaint found.
public enum KlagomalOutcome: String, Code {
    case avvikelseKonstaterad = "avvikelse_konstaterad", ingenAvvikelse = "ingen_avvikelse"
    public static let listName = "klagomalUtfall"
    public var label: String {
        switch self {
        case .avvikelseKonstaterad: "Avvikelse konstaterad"
        case .ingenAvvikelse: "Ingen avvikelse"
        }
    }
}

/// Where a complaint or suggestion is in its handling.
public enum KlagomalStatus: String, Code {
    case inkommen, underUtredning = "under_utredning", avslutad
    public static let listName = "klagomalStatus"
    public var label: String {
        switch self {
        case .inkommen: "Inkommen"
        case .underUtredning: "Under utredning"
        case .avslutad: "Avslutad"
        }
    }
}
