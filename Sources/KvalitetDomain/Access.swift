/// What a token may do; see DESIGN.md, Security.
public enum Role: String, Code {
    case admin, kvalitet, rapportor, lasare
    public static let listName = "roll"
    public var label: String {
        switch self {
        case .admin: "Administratör"
        case .kvalitet: "Kvalitetsmedarbetare"
        case .rapportor: "Rapportör (formulär)"
        case .lasare: "Läsare (instrumentpanel)"
        }
    }
}

/// Who is asking: the token's name, role and unit subtrees, and the request for the audit log.
public struct Actor: Sendable, Equatable {
    public let tokenName: String
    public let role: Role
    /// The roots of the unit subtrees the token is limited to; `nil` means every unit.
    public let unitScope: [String]?
    public let requestId: String?

    public init(tokenName: String, role: Role, unitScope: [String]?, requestId: String? = nil) {
        self.tokenName = tokenName
        self.role = role
        self.unitScope = unitScope
        self.requestId = requestId
    }

    public func with(requestId: String) -> Actor {
        Actor(tokenName: tokenName, role: role, unitScope: unitScope, requestId: requestId)
    }

    /// A rapportör sees only the records it created; everyone else sees by unit.
    public var onlyOwnRecords: Bool { role == .rapportor }
}

/// The one table of what each role may do. Unit scoping is applied by the stores on top of it.
public enum Permission: Sendable {
    case createRecord, readRecord, listRecords, changeRecord, readHistory, exportText
    case readUnits, writeUnits, readAggregates, readKodverk, readAudit, manageTokens
    /// Key figures: definitions, values and analyses are written by quality staff; an analysis is
    /// free text (like a record's details), so reading it is not an aggregate; Kolada imports
    /// reach out to the internet and are the administrator's.
    case writeNyckeltal, readNyckeltalText, importKolada
    /// `GET /metrics`: the operators' figures; admins (or the dedicated metrics token, which is no role).
    case readMetrics

    public func allowed(for role: Role) -> Bool {
        switch role {
        case .admin: return true
        case .kvalitet: return ![.writeUnits, .readAudit, .manageTokens, .importKolada, .readMetrics].contains(self)
        case .rapportor: return self == .createRecord || self == .readRecord || self == .readKodverk || self == .readUnits
        case .lasare: return self == .readUnits || self == .readAggregates || self == .readKodverk
        }
    }

    public func check(_ actor: Actor) throws(DomainError) {
        guard allowed(for: actor.role) else {
            throw DomainError.forbidden("the role \(actor.role.rawValue) may not do this")
        }
    }

    /// Key-figure definitions, analyses and whole-organisation values belong to no unit: a token
    /// limited to units may read them but not change them (it would speak for units it cannot see).
    public static func checkOrganisationWide(_ actor: Actor) throws(DomainError) {
        if actor.unitScope != nil {
            throw DomainError.forbidden("a token limited to units may not change organisation-wide key figures")
        }
    }
}
