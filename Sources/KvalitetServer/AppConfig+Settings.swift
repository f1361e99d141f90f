import Foundation
import KvalitetDomain
import Logging
import NIOCore

/// The settings, one entry each: adding one is a line here (and a property of `AppConfig`, a row in
/// README's table). `--help` lists them and `AppConfig(reading:settings:)` reads them.
extension Setting {
    /// Where the database is and how records are stored: every subcommand takes these.
    public static let database: [Setting] = [
        .text(
            "database", help: "SQLite database file, created with its folder (default ./data/kvalitet.sqlite)",
            \.databasePath),
        .text(
            "migrations", help: "folder of NNNN_name.sql migrations matching this binary (default ./migrations)",
            \.migrationsPath),
        Setting("logLevel", help: "trace, debug, info, notice, warning, error or critical (default info)") {
            guard let level = Logger.Level(rawValue: $0.lowercased()) else {
                return "must be one of trace, debug, info, notice, warning, error, critical (got \($0))"
            }
            $1.logLevel = level
            return nil
        },
        Setting("logFormat", help: "text, or json: one JSON object per line (default text)") {
            guard let format = LogFormat(rawValue: $0) else { return "must be text or json (got \($0))" }
            $1.logFormat = format
            return nil
        },
        .whole(
            "ivoFollowUpMonths", IvoFollowUp.allowedMonths,
            help: "the local routine: months after the IVO anmälan a lex Sarah investigation is sent by (default 2)"
        ) {
            $0.ivoFollowUp = IvoFollowUp(months: $1) ?? .standard
        },
        Setting("riskLevels", help: "highest risk value of the levels lag, mattlig and hog (default 3,6,9)") {
            switch RiskLevels.parse($0) {
            case .success(let levels): $1.riskLevels = levels; return nil
            case .failure(let error): return "\(error)"
            }
        },
    ]

    /// `kvalitet earkiv export`'s settings: the database's, the PDF/A renderer and the METS schemas.
    public static let earkiv: [Setting] =
        database + [
            .text(
                "weasyprint", help: "weasyprint executable for the e-arkiv's PDF/A renditions (default weasyprint)",
                \.weasyprintPath),
            .text(
                "earkivSchemas",
                help: "folder of the METS schemas copied into each e-arkiv package (default ./earkiv-schemas)",
                \.earkivSchemasPath),
        ]

    /// `kvalitet serve`'s settings: the database's and the HTTP server's.
    public static let serve: [Setting] =
        database + [
            .text("host", help: "address to listen on (default 127.0.0.1)", \.host),
            .whole("port", 0...65_535, help: "port; 0 picks a free one and prints it (default 8080)") { $0.port = $1 },
            Setting(
                "corsOrigin", environment: "corsOrigins",
                help: "comma-separated origins of intranet forms allowed by CORS (default none)"
            ) { text, config in
                config.corsOrigins = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                let bad = config.corsOrigins.filter { !($0.hasPrefix("http://") || $0.hasPrefix("https://")) }
                if bad.isEmpty { return nil }
                return "must be origins starting with http:// or https:// (got \(bad.joined(separator: ", ")))"
            },
            .whole("idleTimeout", 1...86_400, help: "seconds a keep-alive connection may sit idle (default 60)") {
                $0.idleTimeoutSeconds = Int64($1)
            },
            .whole("headerTimeout", 1...3_600, help: "seconds to deliver a complete request head (default 10)") {
                $0.limits.headerTimeout = .seconds(Int64($1))
            },
            .whole("maxConnections", 1...100_000, help: "open connections at most; more are closed (default 1024)") {
                $0.limits.maxConnections = $1
            },
            Setting("koladaBaseUrl", help: "Kolada API root for the admins' import (default https://api.kolada.se/v3)")
            {
                guard let url = URL(string: $0), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                    return "must be an http(s) URL (got \($0))"
                }
                $1.koladaBaseURL = url
                return nil
            },
            .text(
                "openapi", help: "the contract served at GET /openapi.yaml, read at start (default ./openapi.yaml)",
                \.openAPIPath),
            // Empty means none (compose passes an unset variable as "").
            Setting("metricsToken", help: "a token of 32+ characters that may read only GET /metrics (default none)") {
                if $0.isEmpty { return nil }
                if $0.utf8.count < 32 { return "must be at least 32 characters" }
                $1.metricsToken = $0
                return nil
            },
        ] + identity + mail

    /// Sign-in through an OpenID provider (made into `AppConfig.oidc` once all are read), the limit of
    /// failed authentications and the receipts' lifetime: `serve`'s, after the HTTP server's.
    public static let identity: [Setting] = [
        .optional(
            "oidcIssuer", help: "the OpenID provider's issuer URL; enables sign-in with its JWTs", \.oidcInput.issuer),
        .optional("oidcAudience", help: "the audience (aud) the provider's tokens must name", \.oidcInput.audience),
        .optional("oidcRoleClaim", help: "the claim holding roles or groups (default roles)", \.oidcInput.roleClaim),
        Setting("oidcRoles", help: "claim value to role, ;-separated: value=role or value=role:unit,unit") {
            $1.oidcInput.roles = $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return nil
        },
        .optional("oidcMapping", help: "a JSON file mapping claim values to roles and units", \.oidcInput.mappingFile),
        .optional(
            "oidcNameClaim", help: "the claim with the person's display name (default name)",
            \.oidcInput.nameClaim),
        .optional("oidcTitleClaim", help: "the claim with the person's title (default title)", \.oidcInput.titleClaim),
        .optional("oidcHsaIdClaim", help: "the claim with the person's HSA-id (default none)", \.oidcInput.hsaIdClaim),
        .whole(
            "authFailureLimit", 1...10_000,
            help: "failed authentications a minute from one address before 429 "
                + "(default 20)"
        ) { $0.authFailuresPerMinute = $1 },
        .whole("receiptHours", 1...720, help: "hours a form's receipt shows its record (default 24)") {
            $0.receiptLifetime = Double($1) * 3600
        },
    ] + deadlines

    /// The daily deadline scan: when it runs and what it announces (`serve`'s, last).
    public static let deadlines: [Setting] = [
        Setting("fristTid", help: "Stockholm time of day HH:MM the daily deadline scan runs (default 07:00)") {
            guard let time = DeadlineScanTime($0) else { return "must be a time HH:MM from 00:00 to 23:59 (got \($0))" }
            $1.deadlineScanTime = time
            return nil
        },
        .whole(
            "fristPaminnelseDagar", DeadlineRules.allowedApproachingDays,
            help: "days before a deadline that deadline.approaching is written (default 3)"
        ) { $0.deadlineApproachingDays = $1 },
        .whole(
            "klagomalBekraftelseArbetsdagar", KlagomalAcknowledgement.allowedWorkingDays,
            help: "Swedish working days after receipt a complaint is to be acknowledged within (default 2)"
        ) { $0.klagomalAcknowledgement = KlagomalAcknowledgement(workingDays: $1) ?? .standard },
    ]

    /// A text kept as given (nil when not given); checked with the others of its group.
    static func optional(
        _ key: String, help: String,
        _ path: WritableKeyPath<AppConfig, String?> & Sendable
    ) -> Setting {
        Setting(key, help: help) { text, config in
            config[keyPath: path] = text
            return nil
        }
    }

    /// A text that must not be empty.
    static func text(_ key: String, help: String, _ path: WritableKeyPath<AppConfig, String> & Sendable) -> Setting {
        Setting(key, help: help) { text, config in
            if text.isEmpty { return "must not be empty" }
            config[keyPath: path] = text
            return nil
        }
    }

    /// A whole number in `range`.
    static func whole(
        _ key: String, _ range: ClosedRange<Int>, help: String,
        set: @escaping @Sendable (inout AppConfig, Int) -> Void
    ) -> Setting {
        Setting(key, help: help) { text, config in
            guard let number = Int(text), range.contains(number) else {
                return "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(text))"
            }
            set(&config, number)
            return nil
        }
    }
}
