import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetStorage
import Logging
import Synchronization

/// Everything `serve` is configured with; tests build the same application with other values.
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
    /// Kolada API v3's root (`KVALITET_KOLADA_BASE_URL`); tests point it at a loopback fixture.
    public var koladaBaseURL: URL = KoladaClient.defaultBaseURL
    /// The contract served at `GET /openapi.yaml` (`KVALITET_OPENAPI`), read once at start.
    public var openAPIPath: String = "./openapi.yaml"
    /// Sign-in through the municipality's OpenID provider; nil when only API tokens are accepted.
    public var oidc: OIDCSettings?
    /// Fetches the provider's discovery document and keys; tests serve keys made in the test.
    public var httpFetcher: any HTTPFetcher = URLSessionFetcher()
    /// Failed authentications a minute from one address before it gets 429 (`KVALITET_AUTH_FAILURE_LIMIT`).
    public var authFailuresPerMinute: Int = 20
    /// How long a form's receipt shows its record, in seconds (`KVALITET_RECEIPT_HOURS`, default 24 h).
    public var receiptLifetime: TimeInterval = 86_400

    /// The rules records are stored under (the configured risk levels).
    public var recordSettings: RecordSettings { RecordSettings(riskLevels: riskLevels) }

    public init() {}
}

/// The stores over one database, shared by the application and the CLI commands.
public struct AppServices: Sendable {
    public let database: KvalitetDatabase
    public let tokens: TokenStore
    public let units: UnitStore
    public let audit: AuditLog
    public let receipts: ReceiptStore
    public let settings: RecordSettings
    public let avvikelser: RecordStore<Avvikelse>
    public let klagomal: RecordStore<Klagomal>
    public let lexSarah: RecordStore<LexSarah>
    public let riskanalyser: RecordStore<Riskanalys>
    public let egenkontroller: RecordStore<Egenkontroll>
    public let tillsynsbeslut: RecordStore<Tillsynsbeslut>
    public let reports: ReportStore
    public let nyckeltal: NyckeltalStore
    public let kolada: KoladaStore

    public init(database: KvalitetDatabase, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.settings = settings
        tokens = TokenStore(database)
        units = UnitStore(database)
        audit = AuditLog(database)
        receipts = ReceiptStore(database)
        avvikelser = RecordStore(database, settings: settings)
        klagomal = RecordStore(database, settings: settings)
        lexSarah = RecordStore(database, settings: settings)
        riskanalyser = RecordStore(database, settings: settings)
        egenkontroller = RecordStore(database, settings: settings)
        tillsynsbeslut = RecordStore(database, settings: settings)
        reports = ReportStore(database)
        nyckeltal = NyckeltalStore(database)
        kolada = KoladaStore(database)
    }

    /// Opens the database of `config`, applying pending migrations, builds the report's running sums
    /// if an upgrade left them empty, brings stored risk levels in line with the configured thresholds
    /// and loads the organisation tree's cache.
    public static func open(_ config: AppConfig, logger: Logger) throws -> AppServices {
        let services = AppServices(database: try KvalitetDatabase.open(
            path: config.databasePath, migrationsPath: config.migrationsPath, clock: config.clock, logger: logger),
            settings: config.recordSettings)
        try services.database.buildReportCountsIfNeeded(settings: config.recordSettings, logger: logger)
        let releveled = try services.riskanalyser.relevelRisks()
        if releveled > 0 { logger.notice("risk levels recomputed for new thresholds", metadata: ["risks": "\(releveled)"]) }
        try services.database.warmUnitTree()
        return services
    }
}

/// The router with every route and middleware, and the table of its routes; shared by
/// `buildApplication` and the tests.
func buildRouter(_ config: AppConfig, services: AppServices, openAPI: OpenAPIDocument = .missing("not loaded"),
                 oidc: OIDCVerifier? = nil) -> (Router<KvalitetContext>, RouteTable) {
    let router = Router(context: KvalitetContext.self)
    // Middlewares wrap routes registered after them, so the table is filled in below and read later.
    let registered = RouteTableHolder()
    router.add(middleware: CORSMiddleware(allowedOrigins: Set(config.corsOrigins)))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: { registered.table }))
    let limiter = AuthFailureLimiter(limit: config.authFailuresPerMinute)
    router.add(middleware: AuthMiddleware(tokens: services.tokens, oidc: oidc ?? makeOIDCVerifier(config, logger: nil),
                                          audit: services.audit, limiter: limiter, clock: config.clock))
    router.add(middleware: ReceiptMiddleware(store: services.receipts, lifetime: config.receiptLifetime))
    var table = RouteRegistrar(router: router)
    ServiceRoutes(database: services.database, openAPI: openAPI).register(on: &table)
    AuditRoutes(audit: services.audit).register(on: &table)
    UnitRoutes(store: services.units).register(on: &table)
    ReceiptRoutes(store: services.receipts).register(on: &table)
    let settings = services.settings
    RecordRoutes<AvvikelseWire>(store: services.avvikelser, clock: config.clock, settings: settings).register(on: &table)
    RecordRoutes<KlagomalWire>(store: services.klagomal, clock: config.clock, settings: settings).register(on: &table)
    RecordRoutes<LexSarahWire>(store: services.lexSarah, clock: config.clock, settings: settings).register(on: &table)
    LexSarahNoteRoutes(store: services.lexSarah, clock: config.clock, settings: settings).register(on: &table)
    RecordRoutes<RiskanalysWire>(store: services.riskanalyser, clock: config.clock, settings: settings).register(on: &table)
    RecordRoutes<EgenkontrollWire>(store: services.egenkontroller, clock: config.clock, settings: settings).register(on: &table)
    RecordRoutes<TillsynsbeslutWire>(store: services.tillsynsbeslut, clock: config.clock, settings: settings).register(on: &table)
    ReportRoutes(reports: services.reports, units: services.units, clock: config.clock).register(on: &table)
    NyckeltalRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    NyckeltalValueRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    let kolada = KoladaClient(baseURL: config.koladaBaseURL, clock: config.clock)
    KoladaRoutes(nyckeltal: services.nyckeltal, importer: KoladaImporter(client: kolada, store: services.kolada)).register(on: &table)
    registered.table = table.table
    return (router, table.table)
}

/// The verifier of the provider's JWTs when sign-in is configured.
func makeOIDCVerifier(_ config: AppConfig, logger: Logger?) -> OIDCVerifier? {
    guard let settings = config.oidc else { return nil }
    let keys = OIDCKeySet(settings: settings, fetcher: config.httpFetcher, clock: config.clock,
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
public func buildApplication(_ config: AppConfig, services: AppServices, logger: Logger,
                             onRunning: (@Sendable (Int) async -> Void)? = nil) -> some ApplicationProtocol {
    let counter = ConnectionCounter()
    let openAPI = OpenAPIDocument.load(path: config.openAPIPath)
    if case .missing(let why) = openAPI {
        logger.warning("openapi.yaml not loaded: GET /openapi.yaml answers 404", metadata: ["path": "\(config.openAPIPath)", "error": "\(why)"])
    }
    let oidc = makeOIDCVerifier(config, logger: logger)
    return Application(
        router: buildRouter(config, services: services, openAPI: openAPI, oidc: oidc).0,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionGuardInstaller(limits: config.limits, counter: counter)],
            idleTimeout: .seconds(config.idleTimeoutSeconds))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "kvalitet"),
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
