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

/// A person signed in through the municipality's OpenID Connect provider, as the token's claims name them.
public struct Person: Sendable, Equatable {
    /// The provider's `sub`: stable, never reassigned.
    public let subject: String
    public let displayName: String
    /// The person's title (yrkestitel), when the provider sends one.
    public let title: String?
    /// The HSA-id (Inera's catalogue id), when the provider sends one.
    public let hsaId: String?

    public init(subject: String, displayName: String, title: String? = nil, hsaId: String? = nil) {
        self.subject = subject
        self.displayName = displayName
        self.title = title
        self.hsaId = hsaId
    }

    /// The name writes by this person are recorded under (`created_by`, `changed_by`): `sub:` and the
    /// subject. API token names cannot contain a colon, so the two never collide.
    public var recordedName: String { "sub:" + subject }
}

/// Who is asking: the name writes are recorded under, role and unit subtrees, the person and the
/// client when known, and the request for the audit log.
public struct Actor: Sendable, Equatable {
    /// An API token's name, or `Person.recordedName` for a signed-in person.
    public let tokenName: String
    public let role: Role
    /// The roots of the unit subtrees the token is limited to; `nil` means every unit.
    public let unitScope: [String]?
    public let requestId: String?
    /// The signed-in person; nil for API tokens (machines, forms).
    public let person: Person?
    /// The client: the API token's name, or the OIDC client id (`azp` / `client_id`).
    public let client: String

    public init(
        tokenName: String, role: Role, unitScope: [String]?, requestId: String? = nil,
        person: Person? = nil, client: String? = nil
    ) {
        self.tokenName = tokenName
        self.role = role
        self.unitScope = unitScope
        self.requestId = requestId
        self.person = person
        self.client = client ?? tokenName
    }

    /// A signed-in person acting through the OIDC client `client`.
    public init(person: Person, role: Role, unitScope: [String]?, client: String) {
        self.init(tokenName: person.recordedName, role: role, unitScope: unitScope, person: person, client: client)
    }

    public func with(requestId: String) -> Actor {
        Actor(
            tokenName: tokenName, role: role, unitScope: unitScope, requestId: requestId, person: person,
            client: client)
    }

    /// A rapportör sees only the records it created; everyone else sees by unit.
    public var onlyOwnRecords: Bool { role == .rapportor }

    /// A form's API token with the rapportör role: it creates records and gets receipts, never reads back.
    public var isFormToken: Bool { role == .rapportor && person == nil }
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
    /// Webhook subscriptions and their deliveries (`/api/v1/webhooks`) and e-mail recipients
    /// (`/api/v1/epostmottagare`): admins only.
    case manageWebhooks
    /// Retention rules (gallringsregler) and the e-arkiv's deliveries: the administrator's.
    case manageGallring

    public func allowed(for role: Role) -> Bool {
        switch role {
        case .admin: return true
        case .kvalitet:
            let adminOnly: [Permission] = [
                .writeUnits, .readAudit, .manageTokens, .importKolada, .readMetrics, .manageWebhooks,
                .manageGallring,
            ]
            return !adminOnly.contains(self)
        case .rapportor:
            return [.createRecord, .readRecord, .listRecords, .readKodverk, .readUnits].contains(self)
        case .lasare: return self == .readUnits || self == .readAggregates || self == .readKodverk
        }
    }

    /// The role's table, and one rule on top: a rapportör reads back (only its own records) only as a
    /// signed-in person; a form's API token gets a receipt instead (`GET /api/v1/kvitton/{receipt}`).
    public func check(_ actor: Actor) throws(DomainError) {
        guard allowed(for: actor.role) else {
            throw DomainError.forbidden("the role \(actor.role.rawValue) may not do this")
        }
        if actor.isFormToken, self == .readRecord || self == .listRecords {
            throw DomainError.forbidden(
                "a form's API token cannot read records back; use the receipt its create returned")
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
