import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetKolada
import KvalitetStorage
import Logging
import ServiceLifecycle
import Synchronization

/// The stores over one database, shared by the application and the CLI commands.
public struct AppServices: Sendable {
    public let database: KvalitetDatabase
    public let tokens: TokenStore
    public let units: UnitStore
    public let audit: AuditLog
    public let receipts: ReceiptStore
    public let settings: RecordSettings
    public let reports: ReportStore
    public let nyckeltal: NyckeltalStore
    public let kolada: KoladaStore
    public let webhooks: WebhookStore
    public let gallringsregler: GallringsregelStore
    public let mailRecipients: MailRecipientStore

    public init(database: KvalitetDatabase, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.settings = settings
        tokens = TokenStore(database)
        units = UnitStore(database)
        audit = AuditLog(database)
        receipts = ReceiptStore(database)
        reports = ReportStore(database)
        nyckeltal = NyckeltalStore(database)
        kolada = KoladaStore(database)
        webhooks = WebhookStore(database)
        gallringsregler = GallringsregelStore(database)
        mailRecipients = MailRecipientStore(database)
    }

    /// The store of one record family.
    public func records<Kind: StoredKind>(_ kind: Kind.Type) -> RecordStore<Kind> {
        RecordStore(database, settings: settings)
    }

    /// Opens the database of `config`, applying pending migrations, builds the report's running sums
    /// if an upgrade left them empty, brings stored risk levels in line with the configured thresholds
    /// and loads the organisation tree's cache. Throws `MissingTimeZoneData` first when the system
    /// has no time-zone data for Stockholm.
    public static func open(_ config: AppConfig, logger: Logger) throws -> AppServices {
        try SwedishTime.requireZoneData()
        let services = AppServices(
            database: try KvalitetDatabase.open(
                path: config.databasePath, migrationsPath: config.migrationsPath, clock: config.clock, logger: logger),
            settings: config.recordSettings)
        try services.database.buildReportCountsIfNeeded(settings: config.recordSettings, logger: logger)
        let releveled = try services.records(Riskanalys.self).relevelRisks()
        if releveled > 0 {
            logger.notice("risk levels recomputed for new thresholds", metadata: ["risks": "\(releveled)"])
        }
        if try services.records(LexSarah.self).applyFollowUpRoutine() {
            logger.notice(
                "lex Sarah follow-up dates and overdue sums recomputed for a new local routine",
                metadata: ["months": "\(config.ivoFollowUp.months)"])
        }
        try services.database.warmUnitTree()
        return services
    }
}

/// The router with every route and middleware, and the table of its routes; shared by
/// `buildApplication` and the tests.
func buildRouter(
    _ config: AppConfig, services: AppServices, openAPI: OpenAPIDocument = .missing("not loaded"),
    oidc: OIDCVerifier? = nil
) -> (Router<KvalitetContext>, RouteTable) {
    let router = Router(context: KvalitetContext.self)
    // Middlewares wrap routes registered after them, so the table is filled in below and read later.
    let registered = RouteTableHolder()
    AppMetrics.bootstrap()
    // Outermost, so that it counts every answer with its final status (problems included).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: CORSMiddleware(allowedOrigins: Set(config.corsOrigins)))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: { registered.table }))
    router.add(middleware: MetricsTokenMiddleware(token: config.metricsToken))
    let limiter = AuthFailureLimiter(limit: config.authFailuresPerMinute)
    let oidc = oidc ?? makeOIDCVerifier(config, logger: nil)
    router.add(
        middleware: AuthMiddleware(
            tokens: services.tokens, oidc: oidc,
            audit: services.audit, limiter: limiter, clock: config.clock))
    router.add(middleware: ExpectContinueMiddleware())
    router.add(middleware: ReceiptMiddleware(store: services.receipts, lifetime: config.receiptLifetime))
    var table = RouteRegistrar(router: router)
    var readinessChecks = config.readinessChecks
    // With sign-in configured, ready only once the provider's signing keys are had.
    if let keys = oidc?.keys {
        readinessChecks.append(ReadinessCheck(name: "identityProviderKeys") { await keys.hasKeys })
    }
    let readiness = Readiness(database: services.database, extra: readinessChecks)
    ServiceRoutes(database: services.database, openAPI: openAPI, readiness: readiness).register(on: &table)
    MetricsRoutes(database: services.database, clock: config.clock).register(on: &table)
    AuditRoutes(audit: services.audit).register(on: &table)
    UnitRoutes(store: services.units).register(on: &table)
    GallringsregelRoutes(store: services.gallringsregler).register(on: &table)
    EarkivRoutes(store: EarkivStore(services.database)).register(on: &table)
    ReceiptRoutes(store: services.receipts).register(on: &table)
    let settings = services.settings
    for family in RecordFamily.allCases {
        func register<Kind: StoredKind>(_ kind: Kind.Type) {
            RecordRoutes(store: services.records(kind), clock: config.clock, settings: settings).register(on: &table)
        }
        register(family.storedKind)
    }
    LexSarahNoteRoutes(store: services.records(LexSarah.self), clock: config.clock, settings: settings).register(
        on: &table)
    ReportRoutes(reports: services.reports, clock: config.clock).register(on: &table)
    StatistikRoutes(store: StatistikStore(services.database), clock: config.clock).register(on: &table)
    NyckeltalRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    NyckeltalValueRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    let kolada = KoladaClient(baseURL: config.koladaBaseURL, clock: config.clock)
    KoladaRoutes(nyckeltal: services.nyckeltal, importer: KoladaImporter(client: kolada, store: services.kolada))
        .register(on: &table)
    WebhookRoutes(store: services.webhooks).register(on: &table)
    EpostmottagareRoutes(store: services.mailRecipients).register(on: &table)
    registered.table = table.table
    return (router, table.table)
}

/// The mail worker, when a relay (or a test's sender) and the sender address and public URL are set.
func makeMailWorker(_ config: AppConfig, services: AppServices, logger: Logger) -> [any Service] {
    guard let sender = config.mailSender ?? config.mail.relay.map(CurlSmtpSender.init(relay:)),
        let from = config.mail.from, let publicURL = config.mail.publicURL
    else { return [] }
    return [
        MailWorker(
            queue: MailQueue(services.database, retry: config.mailRetry), sender: sender, from: from,
            publicURL: publicURL, clock: config.clock, interval: config.mailInterval, logger: logger)
    ]
}

/// The verifier of the provider's JWTs when sign-in is configured.
func makeOIDCVerifier(_ config: AppConfig, logger: Logger?) -> OIDCVerifier? {
    guard let settings = config.oidc else { return nil }
    let keys = OIDCKeySet(
        settings: settings, fetcher: config.httpFetcher, clock: config.clock,
        logger: logger ?? Logger(label: "kvalitet.oidc"))
    return OIDCVerifier(settings: settings, keys: keys, clock: config.clock)
}

/// Holds the finished route table for the middleware that answers 405.
final class RouteTableHolder: Sendable {
    private let storage = Mutex<RouteTable?>(nil)
    var table: RouteTable {
        get { storage.withLock { $0 } ?? RouteTable() }
        set { storage.withLock { $0 = newValue } }
    }
}

/// Builds the HTTP application over already opened services: `main` runs it, tests drive it.
public func buildApplication(
    _ config: AppConfig, services: AppServices, logger: Logger,
    onRunning: (@Sendable (Int) async -> Void)? = nil
) -> some ApplicationProtocol {
    let counter = ConnectionCounter()
    let openAPI = OpenAPIDocument.load(path: config.openAPIPath)
    if case .missing(let why) = openAPI {
        logger.warning(
            "openapi.yaml not loaded: GET /openapi.yaml answers 404",
            metadata: ["path": "\(config.openAPIPath)", "error": "\(why)"])
    }
    let oidc = makeOIDCVerifier(config, logger: logger)
    let (router, table) = buildRouter(config, services: services, openAPI: openAPI, oidc: oidc)
    return Application(
        responder: ClientRequestResponder(base: router.buildResponder(), table: table),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionGuardInstaller(limits: config.limits, counter: counter)],
                idleTimeout: .seconds(config.idleTimeoutSeconds))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "kvalitet"),
        services: [
            WebhookWorker(
                queue: WebhookQueue(services.database, retry: config.webhookRetry), sender: config.webhookSender,
                clock: config.clock, interval: config.webhookInterval, logger: logger),
            DeadlineScanner(
                store: DeadlineStore(services.database), rules: config.deadlineRules, time: config.deadlineScanTime,
                clock: config.clock, interval: config.deadlineScanInterval, logger: logger),
        ] + makeMailWorker(config, services: services, logger: logger),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.port
            logger.info("listening", metadata: ["host": "\(config.host)", "port": "\(port)"])
            // The provider's keys are fetched at start without holding the start up: an unreachable
            // provider leaves API tokens working and bearer JWTs answering 503 until keys are had.
            if let keys = oidc?.keys { Task { await keys.refresh() } }
            await onRunning?(port)
        },
        logger: logger)
}
