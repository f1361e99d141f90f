import Foundation
import Hummingbird
import KvalitetDomain
import KvalitetKolada
import KvalitetStorage
import Logging
import Synchronization

/// The stores over one database, shared by the application and the CLI commands.
public struct AppServices: Sendable {
    public let database: KvalitetDatabase
    public let tokens: TokenStore
    public let units: UnitStore
    public let audit: AuditLog
    public let settings: RecordSettings
    public let reports: ReportStore
    public let nyckeltal: NyckeltalStore
    public let kolada: KoladaStore

    public init(database: KvalitetDatabase, settings: RecordSettings = RecordSettings()) {
        self.database = database
        self.settings = settings
        tokens = TokenStore(database)
        units = UnitStore(database)
        audit = AuditLog(database)
        reports = ReportStore(database)
        nyckeltal = NyckeltalStore(database)
        kolada = KoladaStore(database)
    }

    /// The store of one record family.
    public func records<Kind: StoredKind>(_ kind: Kind.Type) -> RecordStore<Kind> { RecordStore(database, settings: settings) }

    /// Opens the database of `config`, applying pending migrations, builds the report's running sums
    /// if an upgrade left them empty, brings stored risk levels in line with the configured thresholds
    /// and loads the organisation tree's cache. Throws `MissingTimeZoneData` first when the system
    /// has no time-zone data for Stockholm.
    public static func open(_ config: AppConfig, logger: Logger) throws -> AppServices {
        try SwedishTime.requireZoneData()
        let services = AppServices(database: try KvalitetDatabase.open(
            path: config.databasePath, migrationsPath: config.migrationsPath, clock: config.clock, logger: logger),
            settings: config.recordSettings)
        try services.database.buildReportCountsIfNeeded(settings: config.recordSettings, logger: logger)
        let releveled = try services.records(Riskanalys.self).relevelRisks()
        if releveled > 0 { logger.notice("risk levels recomputed for new thresholds", metadata: ["risks": "\(releveled)"]) }
        if try services.records(LexSarah.self).applyFollowUpRoutine() {
            logger.notice("lex Sarah follow-up dates and overdue sums recomputed for a new local routine",
                          metadata: ["months": "\(config.ivoFollowUp.months)"])
        }
        try services.database.warmUnitTree()
        return services
    }
}

/// The router with every route and middleware, and the table of its routes; shared by
/// `buildApplication` and the tests.
func buildRouter(_ config: AppConfig, services: AppServices, openAPI: OpenAPIDocument = .missing("not loaded")) -> (Router<KvalitetContext>, RouteTable) {
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
    router.add(middleware: AuthMiddleware(tokens: services.tokens))
    router.add(middleware: ExpectContinueMiddleware())
    var table = RouteRegistrar(router: router)
    let readiness = Readiness(database: services.database, extra: config.readinessChecks)
    ServiceRoutes(database: services.database, audit: services.audit, openAPI: openAPI, readiness: readiness)
        .register(on: &table)
    MetricsRoutes(database: services.database, clock: config.clock).register(on: &table)
    UnitRoutes(store: services.units).register(on: &table)
    let settings = services.settings
    for family in RecordFamily.allCases {
        func register<Kind: StoredKind>(_ kind: Kind.Type) {
            RecordRoutes(store: services.records(kind), clock: config.clock, settings: settings).register(on: &table)
        }
        register(family.storedKind)
    }
    LexSarahNoteRoutes(store: services.records(LexSarah.self), clock: config.clock, settings: settings).register(on: &table)
    ReportRoutes(reports: services.reports, clock: config.clock).register(on: &table)
    NyckeltalRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    NyckeltalValueRoutes(store: services.nyckeltal, clock: config.clock).register(on: &table)
    let kolada = KoladaClient(baseURL: config.koladaBaseURL, clock: config.clock)
    KoladaRoutes(nyckeltal: services.nyckeltal, importer: KoladaImporter(client: kolada, store: services.kolada)).register(on: &table)
    registered.table = table.table
    return (router, table.table)
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
    let (router, table) = buildRouter(config, services: services, openAPI: openAPI)
    return Application(
        responder: ClientRequestResponder(base: router.buildResponder(), table: table),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionGuardInstaller(limits: config.limits, counter: counter)],
            idleTimeout: .seconds(config.idleTimeoutSeconds))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "kvalitet"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.port
            logger.info("listening", metadata: ["host": "\(config.host)", "port": "\(port)"])
            await onRunning?(port)
        },
        logger: logger)
}
