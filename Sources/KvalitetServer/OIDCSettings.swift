import Foundation
import KvalitetDomain

/// What one value of the role claim grants: a Kvalitet role, optionally limited to unit subtrees.
public struct OIDCRoleMapping: Sendable, Equatable {
    public let role: Role
    /// Roots of the unit subtrees; nil for every unit.
    public let unitIds: [String]?

    public init(role: Role, unitIds: [String]? = nil) {
        self.role = role
        self.unitIds = unitIds
    }
}

/// Kvalitet as an OpenID Connect resource server: whose tokens it accepts and how their claims map
/// to a role, units and the person's name, title and HSA-id.
public struct OIDCSettings: Sendable, Equatable {
    /// The provider's issuer URL (`iss`); discovery is read from `<issuer>/.well-known/openid-configuration`.
    public var issuer: URL
    /// The audience (`aud`) a token must name: Kvalitet's client id or application id URI at the provider.
    public var audience: String
    /// The claim holding role or group values (Entra ID: `roles` for app roles, `groups` for group ids).
    public var roleClaim: String = "roles"
    /// Claim value → role and units; a token mapping to no role is refused with 403.
    public var roleMappings: [String: OIDCRoleMapping] = [:]
    public var nameClaim: String = "name"
    public var titleClaim: String = "title"
    /// The HSA-id claim, when the provider sends one.
    public var hsaIdClaim: String?

    /// Clock skew allowed on `exp` and `nbf`, in seconds.
    public static let leeway: TimeInterval = 60
    /// The provider's keys are fetched again for an unknown `kid` at most this often, in seconds.
    public static let refetchInterval: TimeInterval = 30
    /// The only signature algorithms accepted.
    public static let algorithms: [String] = ["RS256", "PS256", "ES256"]

    public init(issuer: URL, audience: String) {
        self.issuer = issuer
        self.audience = audience
    }

    /// The role and units a token's role-claim values grant: the strongest role among the mapped values
    /// (admin, kvalitet, rapportor, lasare), with the union of that role's unit subtrees (every unit if
    /// any of its mappings names none); nil when no value is mapped.
    public func grant(for values: [String]) -> OIDCRoleMapping? {
        let mapped = values.compactMap { roleMappings[$0] }
        let order: [Role] = [.admin, .kvalitet, .rapportor, .lasare]
        guard let role = order.first(where: { role in mapped.contains { $0.role == role } }) else { return nil }
        let grants = mapped.filter { $0.role == role }
        if grants.contains(where: { $0.unitIds == nil }) { return OIDCRoleMapping(role: role) }
        let units = Set(grants.flatMap { $0.unitIds ?? [] })
        return OIDCRoleMapping(role: role, unitIds: units.sorted())
    }
}

/// The raw OIDC settings as given by flags, environment and the optional mapping file, turned into
/// `OIDCSettings` with every problem listed.
public struct OIDCSettingsInput: Sendable {
    public var issuer: String?
    public var audience: String?
    public var roleClaim: String?
    /// `value=role` or `value=role:unit,unit` (repeatable); added to, and winning over, the file's.
    public var roles: [String] = []
    /// A JSON file: `{"roleClaim": …, "nameClaim": …, "titleClaim": …, "hsaIdClaim": …,
    /// "roles": {"<value>": {"role": "kvalitet", "units": ["ifo"]}}}`.
    public var mappingFile: String?
    public var nameClaim: String?
    public var titleClaim: String?
    public var hsaIdClaim: String?

    public init() {}

    /// Nil settings (sign-in off) when nothing is given; otherwise the settings or every problem found.
    public func settings(
        readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    )
        -> (settings: OIDCSettings?, problems: [String])
    {
        let anyGiven =
            issuer != nil || audience != nil || roleClaim != nil || !roles.isEmpty || mappingFile != nil
            || nameClaim != nil || titleClaim != nil || hsaIdClaim != nil
        guard anyGiven else { return (nil, []) }
        var problems: [String] = []
        var file = OIDCMappingFile()
        if let path = mappingFile {
            do { file = try OIDCMappingFile.parse(try readFile(path), problems: &problems) } catch {
                problems.append(
                    "--oidc-mapping / KVALITET_OIDC_MAPPING: cannot read \(path): \(error.localizedDescription)")
            }
        }
        let url = issuer.flatMap(URL.init(string:))
        if issuer == nil {
            problems.append(
                "--oidc-issuer / KVALITET_OIDC_ISSUER is required when signing in through OIDC is configured")
        } else if url == nil || !(url?.scheme == "https" || url?.scheme == "http") || url?.host == nil {
            problems.append("--oidc-issuer / KVALITET_OIDC_ISSUER must be an http(s) URL (got \(issuer ?? ""))")
        }
        if (audience ?? "").isEmpty {
            problems.append(
                "--oidc-audience / KVALITET_OIDC_AUDIENCE is required: Kvalitet's client id at the provider")
        }
        var mappings = file.roles
        for entry in roles {
            guard let mapping = OIDCMappingFile.parseFlag(entry) else {
                problems.append(
                    "--oidc-role / KVALITET_OIDC_ROLES: \(entry) must be value=role or value=role:unit,unit "
                        + "with a role of \(Role.allCodes.joined(separator: ", "))")
                continue
            }
            mappings[mapping.value] = mapping.grant
        }
        if mappings.isEmpty {
            problems.append(
                "no role mapping: give --oidc-role value=role (or a mapping file) so tokens can grant a role")
        }
        for (name, claim) in [
            ("--oidc-role-claim", roleClaim ?? file.roleClaim), ("--oidc-name-claim", nameClaim ?? file.nameClaim),
            ("--oidc-title-claim", titleClaim ?? file.titleClaim),
            ("--oidc-hsa-id-claim", hsaIdClaim ?? file.hsaIdClaim),
        ]
        where claim?.isEmpty == true { problems.append("\(name) must not be empty") }
        guard problems.isEmpty, let url, let audience else { return (nil, problems) }
        var settings = OIDCSettings(issuer: url, audience: audience)
        settings.roleMappings = mappings
        if let claim = roleClaim ?? file.roleClaim { settings.roleClaim = claim }
        if let claim = nameClaim ?? file.nameClaim { settings.nameClaim = claim }
        if let claim = titleClaim ?? file.titleClaim { settings.titleClaim = claim }
        settings.hsaIdClaim = hsaIdClaim ?? file.hsaIdClaim
        return (settings, [])
    }
}

/// The optional mapping file's content (JSON).
struct OIDCMappingFile {
    var roleClaim: String?
    var nameClaim: String?
    var titleClaim: String?
    var hsaIdClaim: String?
    var roles: [String: OIDCRoleMapping] = [:]

    static func parse(_ data: Data, problems: inout [String]) throws -> OIDCMappingFile {
        guard case .object(let object) = try JSONParser.parse(Array(data)) else {
            problems.append("the OIDC mapping file must hold a JSON object")
            return OIDCMappingFile()
        }
        var file = OIDCMappingFile()
        func text(_ key: String) -> String? {
            guard let value = object[key] else { return nil }
            guard case .string(let text) = value else {
                problems.append("mapping file: \(key) must be a string")
                return nil
            }
            return text
        }
        file.roleClaim = text("roleClaim")
        file.nameClaim = text("nameClaim")
        file.titleClaim = text("titleClaim")
        file.hsaIdClaim = text("hsaIdClaim")
        for key in object.keys where !["roleClaim", "nameClaim", "titleClaim", "hsaIdClaim", "roles"].contains(key) {
            problems.append("mapping file: unknown key \(key)")
        }
        guard let roles = object["roles"] else { return file }
        guard case .object(let entries) = roles else {
            problems.append("mapping file: roles must be an object")
            return file
        }
        for value in entries.keys {
            guard case .object(let entry) = entries[value], case .string(let roleText) = entry["role"],
                let role = Role(rawValue: roleText)
            else {
                problems.append(
                    "mapping file: roles.\(value) must be {\"role\": one of \(Role.allCodes.joined(separator: ", ")), "
                        + "\"units\": [unit ids] (optional)}")
                continue
            }
            var units: [String]?
            if let list = entry["units"] {
                guard case .array(let items) = list else {
                    problems.append("mapping file: roles.\(value).units must be a list")
                    continue
                }
                units = items.compactMap { if case .string(let id) = $0, !id.isEmpty { id } else { nil } }
                if units?.count != items.count || units?.isEmpty == true {
                    problems.append("mapping file: roles.\(value).units must be a non-empty list of unit ids")
                }
            }
            file.roles[value] = OIDCRoleMapping(role: role, unitIds: units)
        }
        return file
    }

    /// `value=role` or `value=role:unit,unit`.
    static func parseFlag(_ entry: String) -> (value: String, grant: OIDCRoleMapping)? {
        guard let equals = entry.lastIndex(of: "=") else { return nil }
        let value = String(entry[..<equals])
        let rest = entry[entry.index(after: equals)...].split(
            separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard !value.isEmpty, let role = rest.first.flatMap({ Role(rawValue: String($0)) }) else { return nil }
        guard rest.count == 2 else { return (value, OIDCRoleMapping(role: role)) }
        let units = rest[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return units.isEmpty ? nil : (value, OIDCRoleMapping(role: role, unitIds: units))
    }
}
