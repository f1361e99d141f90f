import ArgumentParser
import Foundation
import KvalitetServer

/// `serve`'s settings for sign-in through an OpenID provider, failed-authentication limits and
/// receipts; each a flag or an environment variable (a flag wins), every problem listed at start.
struct IdentityOptions: ParsableArguments {
    @Option(help: "OpenID provider's issuer URL; enables sign-in with its JWTs (env KVALITET_OIDC_ISSUER).")
    var oidcIssuer: String?
    @Option(help: "Audience (aud) the provider's tokens must name (env KVALITET_OIDC_AUDIENCE).")
    var oidcAudience: String?
    @Option(help: "Claim holding roles or groups (env KVALITET_OIDC_ROLE_CLAIM; default roles).")
    var oidcRoleClaim: String?
    @Option(help: "Claim value to role: value=role or value=role:unit,unit; repeatable (env KVALITET_OIDC_ROLES).")
    var oidcRole: [String] = []
    @Option(help: "JSON file mapping claim values to roles and units (env KVALITET_OIDC_MAPPING).")
    var oidcMapping: String?
    @Option(help: "Claim with the person's display name (env KVALITET_OIDC_NAME_CLAIM; default name).")
    var oidcNameClaim: String?
    @Option(help: "Claim with the person's title (env KVALITET_OIDC_TITLE_CLAIM; default title).")
    var oidcTitleClaim: String?
    @Option(help: "Claim with the person's HSA-id (env KVALITET_OIDC_HSA_ID_CLAIM; default none).")
    var oidcHsaIdClaim: String?
    @Option(
        help:
            "Failed authentications a minute from one address before 429 (env KVALITET_AUTH_FAILURE_LIMIT; default 20)."
    )
    var authFailureLimit: String?
    @Option(help: "Hours a form's receipt shows its record (env KVALITET_RECEIPT_HOURS; default 24).")
    var receiptHours: String?

    func apply(to config: inout AppConfig, environment env: [String: String], problems: inout [String]) {
        var input = OIDCSettingsInput()
        input.issuer = oidcIssuer ?? env["KVALITET_OIDC_ISSUER"]
        input.audience = oidcAudience ?? env["KVALITET_OIDC_AUDIENCE"]
        input.roleClaim = oidcRoleClaim ?? env["KVALITET_OIDC_ROLE_CLAIM"]
        input.roles =
            oidcRole.isEmpty ? (env["KVALITET_OIDC_ROLES"] ?? "").split(separator: ";").map(String.init) : oidcRole
        input.mappingFile = oidcMapping ?? env["KVALITET_OIDC_MAPPING"]
        input.nameClaim = oidcNameClaim ?? env["KVALITET_OIDC_NAME_CLAIM"]
        input.titleClaim = oidcTitleClaim ?? env["KVALITET_OIDC_TITLE_CLAIM"]
        input.hsaIdClaim = oidcHsaIdClaim ?? env["KVALITET_OIDC_HSA_ID_CLAIM"]
        let (settings, oidcProblems) = input.settings()
        config.oidc = settings
        problems += oidcProblems
        if let text = authFailureLimit ?? env["KVALITET_AUTH_FAILURE_LIMIT"] {
            if let limit = Int(text), (1...10_000).contains(limit) {
                config.authFailuresPerMinute = limit
            } else {
                problems.append(
                    "--auth-failure-limit / KVALITET_AUTH_FAILURE_LIMIT must be a whole number from 1 to 10000 "
                        + "(got \(text))"
                )
            }
        }
        if let text = receiptHours ?? env["KVALITET_RECEIPT_HOURS"] {
            if let hours = Int(text), (1...720).contains(hours) {
                config.receiptLifetime = Double(hours) * 3600
            } else {
                problems.append(
                    "--receipt-hours / KVALITET_RECEIPT_HOURS must be a whole number from 1 to 720 (got \(text))")
            }
        }
    }
}
