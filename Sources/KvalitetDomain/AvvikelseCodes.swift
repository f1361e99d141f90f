/// What a kvalitetsavvikelse concerns (also used for lex Sarah reports).
public enum AvvikelseCategory: String, Code {
    case handlaggning, dokumentation, handlingar, utforandeAvInsats = "utforande_av_insats", lokaler,
         sekretess, bemotande, tillganglighet, ovrigt
    public static let listName = "avvikelseKategori"
    public var label: String {
        switch self {
        case .handlaggning: "Handläggning"
        case .dokumentation: "Dokumentation"
        case .handlingar: "Handlingar"
        case .utforandeAvInsats: "Utförande av insats"
        case .lokaler: "Lokaler"
        case .sekretess: "Sekretess"
        case .bemotande: "Bemötande"
        case .tillganglighet: "Tillgänglighet"
        case .ovrigt: "Övrigt"
        }
    }
}

/// Why a deviation happened (*orsak*), the basis of the yearly pattern analysis.
public enum RootCause: String, Code {
    case rutinEjFoljd = "rutin_ej_foljd", rutinSaknasEllerOtydlig = "rutin_saknas_eller_otydlig",
         kunskapSaknas = "kunskap_saknas", arbetsmiljo, arbetsledning,
         samverkanKommunikation = "samverkan_kommunikation", teknikVerksamhetssystem = "teknik_verksamhetssystem",
         lokaler, ovrigt
    public static let listName = "orsak"
    public var label: String {
        switch self {
        case .rutinEjFoljd: "Rutin ej följd"
        case .rutinSaknasEllerOtydlig: "Rutin saknas eller är otydlig"
        case .kunskapSaknas: "Kunskap saknas"
        case .arbetsmiljo: "Arbetsmiljö"
        case .arbetsledning: "Arbetsledning"
        case .samverkanKommunikation: "Samverkan och kommunikation"
        case .teknikVerksamhetssystem: "Teknik och verksamhetssystem"
        case .lokaler: "Lokaler"
        case .ovrigt: "Övrigt"
        }
    }
}

/// The law the deviation falls under.
public enum Lagrum: String, Code {
    case sol, lss, hsl
    public static let listName = "lagrum"
    public var label: String {
        switch self {
        case .sol: "Socialtjänstlagen (SoL)"
        case .lss: "Lag om stöd och service till vissa funktionshindrade (LSS)"
        case .hsl: "Hälso- och sjukvårdslagen (HSL)"
        }
    }
}

/// Where a kvalitetsavvikelse is in its handling.
public enum AvvikelseStatus: String, Code {
    case inkommen, underUtredning = "under_utredning", avslutad
    public static let listName = "avvikelseStatus"
    public var label: String {
        switch self {
        case .inkommen: "Inkommen"
        case .underUtredning: "Under utredning"
        case .avslutad: "Avslutad"
        }
    }
}
