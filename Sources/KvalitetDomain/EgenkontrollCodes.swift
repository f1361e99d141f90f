/// Which requirement area a self-inspection follows up.
public enum EgenkontrollArea: String, Code {
    case enskildasUpplevelser = "enskildas_upplevelser", handlaggningDokumentation = "handlaggning_dokumentation",
         samhallsvard, boende, loggkontroll, utbetalningar, ovrigt
    public static let listName = "egenkontrollOmrade"
    public var label: String {
        switch self {
        case .enskildasUpplevelser: "Enskildas upplevelser"
        case .handlaggningDokumentation: "Handläggning och dokumentation"
        case .samhallsvard: "Samhällsvård"
        case .boende: "Boende"
        case .loggkontroll: "Loggkontroll"
        case .utbetalningar: "Utbetalningar"
        case .ovrigt: "Övrigt"
        }
    }
}

/// How a self-inspection is done.
public enum EgenkontrollMethod: String, Code {
    case brukarundersokning, aktgranskning, tjanstegenomgang, loggkontroll, statistikuppfoljning,
         intervjuEnkat = "intervju_enkat", ovrigt
    public static let listName = "egenkontrollMetod"
    public var label: String {
        switch self {
        case .brukarundersokning: "Brukarundersökning"
        case .aktgranskning: "Aktgranskning"
        case .tjanstegenomgang: "Tjänstegenomgång"
        case .loggkontroll: "Loggkontroll"
        case .statistikuppfoljning: "Statistikuppföljning"
        case .intervjuEnkat: "Intervju eller enkät"
        case .ovrigt: "Övrigt"
        }
    }
}

/// Where a self-inspection is: planerad → pagaende → genomford.
public enum EgenkontrollStatus: String, Code {
    case planerad, pagaende, genomford
    public static let listName = "egenkontrollStatus"
    public var label: String {
        switch self {
        case .planerad: "Planerad"
        case .pagaende: "Pågående"
        case .genomford: "Genomförd"
        }
    }
}

/// How many were offered a user survey and how many answered.
public struct Survey: Codable, Sendable, Equatable {
    public var offered: Int
    public var responses: Int
    public init(offered: Int, responses: Int) {
        self.offered = offered
        self.responses = responses
    }
}

/// A survey as the client sent it.
public struct SurveyDraft: Sendable, Equatable {
    public var offered: Int?
    public var responses: Int?
    public init(offered: Int? = nil, responses: Int? = nil) {
        self.offered = offered
        self.responses = responses
    }
}
