import Foundation
import KvalitetDomain
import KvalitetKolada
import KvalitetStorage
import Logging

/// Everything `serve` is configured with, each property at its default; the command line reads the
/// settings (`Setting.serve`) over it, tests build the same application with other values.
public struct AppConfig: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var databasePath: String = "./data/kvalitet.sqlite"
    public var migrationsPath: String = "./migrations"
    public var corsOrigins: [String] = []
    public var logLevel: Logger.Level = .info
    public var idleTimeoutSeconds: Int64 = 60
    public var limits = ConnectionLimits()
    public var clock: any KvalitetClock = SystemClock()
    /// Where the risk matrix's levels begin (`KVALITET_RISK_LEVELS`, default 3,6,9).
    public var riskLevels: RiskLevels = .standard
    /// The local routine for a lex Sarah investigation's follow-up to IVO (`KVALITET_IVO_FOLLOW_UP_MONTHS`,
    /// default 2 months after the anmälan).
    public var ivoFollowUp: IvoFollowUp = .standard
    /// Kolada API v3's root (`KVALITET_KOLADA_BASE_URL`); tests point it at a loopback fixture.
    public var koladaBaseURL: URL = KoladaClient.defaultBaseURL
    /// The contract served at `GET /openapi.yaml` (`KVALITET_OPENAPI`), read once at start.
    public var openAPIPath: String = "./openapi.yaml"
    /// Sign-in through the municipality's OpenID provider; nil when only API tokens are accepted.
    public var oidc: OIDCSettings?
    /// The OpenID settings as given (`--oidc-*`), made into `oidc` once all are read.
    public var oidcInput = OIDCSettingsInput()
    /// Fetches the provider's discovery document and keys; tests serve keys made in the test.
    public var httpFetcher: any HTTPFetcher = URLSessionFetcher()
    /// Failed authentications a minute from one address before it gets 429 (`KVALITET_AUTH_FAILURE_LIMIT`).
    public var authFailuresPerMinute: Int = 20
    /// How long a form's receipt shows its record, in seconds (`KVALITET_RECEIPT_HOURS`, default 24 h).
    public var receiptLifetime: TimeInterval = 86_400
    /// How log lines are written to stderr (`KVALITET_LOG_FORMAT`): plain text, or one JSON object per line.
    public var logFormat: LogFormat = .text
    /// A bearer token that may read only `GET /metrics` (`KVALITET_METRICS_TOKEN`); nil: admins only.
    public var metricsToken: String?
    /// Conditions `/health/ready` requires besides migrations and a writable database (e.g. the
    /// identity provider's keys loaded, when one is configured).
    public var readinessChecks: [ReadinessCheck] = []
    /// Sends webhook messages; tests may inject their own.
    public var webhookSender: any WebhookSender = URLSessionWebhookSender()
    /// How often the webhook worker looks for new events and due retries.
    public var webhookInterval: Duration = .seconds(1)
    /// The backoff of failed webhook deliveries (30 s doubling to 2 h apart, for 24 hours).
    public var webhookRetry: WebhookRetry = .standard
    /// E-mail through the municipality's SMTP relay (`--smtp-url`, `--mail-from`, `--public-url` …).
    public var mail = MailSettings()
    /// Sends e-mail; nil: libcurl to `mail.relay` when one is configured. Tests may inject their own.
    public var mailSender: (any MailSender)?
    /// How often the mail worker looks for new events and due retries.
    public var mailInterval: Duration = .seconds(2)
    /// The backoff of messages the relay did not accept (as webhooks': 30 s doubling to 2 h, for 24 hours).
    public var mailRetry: WebhookRetry = .standard

    /// The weasyprint executable `kvalitet earkiv export` makes PDF/A renditions with (a path, or a name in PATH).
    public var weasyprintPath: String = "weasyprint"
    /// The folder of the METS schemas `kvalitet earkiv export` copies into each package (`EarkivSchemas`).
    public var earkivSchemasPath: String = "./earkiv-schemas"

    /// Swedish working days after receipt a complaint is to be acknowledged within
    /// (`KVALITET_KLAGOMAL_BEKRAFTELSE_ARBETSDAGAR`, default 2).
    public var klagomalAcknowledgement: KlagomalAcknowledgement = .standard
    /// Calendar days before a deadline that `deadline.approaching` is written (`KVALITET_FRIST_PAMINNELSE_DAGAR`).
    public var deadlineApproachingDays: Int = 3
    /// The Stockholm time of day the deadline scan runs (`KVALITET_FRIST_TID`, default 07:00).
    public var deadlineScanTime: DeadlineScanTime = .standard
    /// How often the deadline scanner looks whether the day's scan is due (a read when it is not).
    public var deadlineScanInterval: Duration = .seconds(60)

    /// The deadlines the daily scan announces, under the configured routines.
    public var deadlineRules: DeadlineRules {
        DeadlineRules(ivoFollowUp: ivoFollowUp, klagomal: klagomalAcknowledgement,
                      approachingDays: deadlineApproachingDays)
    }

    /// The rules records are stored under (the configured risk levels and IVO follow-up routine).
    public var recordSettings: RecordSettings { RecordSettings(riskLevels: riskLevels, ivoFollowUp: ivoFollowUp) }

    public init() {}
}

/// The log format of `--log-format`: `text` (swift-log's stream handler) or `json` (`JSONLogHandler`).
public enum LogFormat: String, Sendable {
    case text, json
}
