import Foundation
import KvalitetStorage
import Metrics
import Prometheus
import Synchronization

/// The service's metrics, in one place (like SwiftPackageIndex-Server's `AppMetrics`): one
/// Prometheus registry per process, filled through swift-metrics by Hummingbird's
/// `MetricsMiddleware`, the write queue, and the functions below; `GET /metrics` renders it.
/// Labels hold route templates, methods, statuses, family names and reasons: never a record id,
/// a token or personal data.
public enum AppMetrics {
    /// Why a presented credential was refused: the label of `kvalitet_authentication_failures_total`.
    public enum AuthenticationFailure: String, Sendable, CaseIterable {
        /// No Authorization header, or one that is not `Bearer <token>`.
        case missing, malformed
        /// A token no one issued, or one that was revoked; an API token past its expiry.
        case unknown, revoked, expired
        /// A JWT failing a check; a valid JWT whose claims map to no role; no keys from the provider yet.
        case invalidJWT = "invalid_jwt", noRole = "no_role", providerUnavailable = "idp_unavailable"
    }

    /// Counts one refused credential; call it wherever authentication says no.
    public static func authenticationFailed(_ reason: AuthenticationFailure) {
        Counter(label: Name.authenticationFailures, dimensions: [("reason", reason.rawValue)]).increment()
    }

    /// Counts one refresh of the identity provider's signing keys (JWKS), by whether it succeeded.
    public static func identityProviderKeysRefreshed(succeeded: Bool) {
        Counter(label: Name.keyRefreshes, dimensions: [("result", succeeded ? "ok" : "failed")]).increment()
    }

    enum Name {
        static let authenticationFailures = "kvalitet_authentication_failures_total"
        static let keyRefreshes = "kvalitet_identity_provider_key_refreshes_total"
        static let requests = "kvalitet_http_requests_total"
        static let requestDuration = "kvalitet_http_request_duration_seconds"
    }

    /// The registry `GET /metrics` renders; the process's swift-metrics backend once `bootstrap()` ran.
    static let registry = PrometheusCollectorRegistry()

    /// Makes the registry swift-metrics' backend, once per process (later calls do nothing), and
    /// registers the counters at 0 so that alerts see them before the first event.
    static func bootstrap() { _ = bootstrapped }

    private static let bootstrapped: Void = {
        MetricsSystem.bootstrap(factory())
        for reason in AuthenticationFailure.allCases {
            Counter(label: Name.authenticationFailures, dimensions: [("reason", reason.rawValue)]).increment(by: 0)
        }
        for result in ["ok", "failed"] {
            Counter(label: Name.keyRefreshes, dimensions: [("result", result)]).increment(by: 0)
        }
        Counter(label: StorageMetricNames.storageFull).increment(by: 0)
    }()

    /// Hummingbird's metric and label names renamed to Prometheus conventions, and buckets that fit
    /// this service: requests of a millisecond, write batches of up to the queue's 256 jobs.
    private static func factory() -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        let names = [
            "hb.requests": Name.requests, "http.server.request.duration": Name.requestDuration,
            "hb.request.errors": "kvalitet_http_request_errors_total",
            "http.server.active_requests": "kvalitet_http_active_requests",
        ]
        let labels = [
            "http.route": "route", "http.request.method": "method", "http.response.status_code": "status",
            "error.type": "status",
        ]
        factory.nameAndLabelSanitizer = { name, dimensions in
            (names[name] ?? name, dimensions.map { (labels[$0.0] ?? $0.0, $0.1) })
        }
        let milliseconds: [Double] = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
        factory.defaultDurationHistogramBuckets = milliseconds.map { Duration.microseconds(Int64($0 * 1000)) }
        factory.valueHistogramBuckets[StorageMetricNames.batchJobs] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        return factory
    }

    /// The Prometheus text format (version 0.0.4) of everything registered, after setting the gauges
    /// read at scrape time: database and log sizes, free space, records per family, lex Sarah reports
    /// past their deadline, the last backup (0 when there was none). One scrape at a time, so that
    /// the gauges rendered are the ones this scrape set.
    static func scrape(_ figures: OperationalFigures, freeBytes: Int64?, writable: Bool) -> [UInt8] {
        scraping.withLock { _ in
            Gauge(label: "kvalitet_database_bytes").record(figures.databaseBytes)
            Gauge(label: "kvalitet_database_wal_bytes").record(figures.walBytes)
            if let freeBytes { Gauge(label: "kvalitet_filesystem_free_bytes").record(freeBytes) }
            Gauge(label: "kvalitet_storage_writable").record(writable ? 1 : 0)
            for (family, count) in figures.recordsByFamily {
                Gauge(label: "kvalitet_records", dimensions: [("family", family)]).record(count)
            }
            Gauge(label: "kvalitet_lex_sarah_overdue").record(figures.lexSarahOverdue)
            let backup = figures.lastBackupAt?.timeIntervalSince1970 ?? 0
            Gauge(label: "kvalitet_last_backup_timestamp_seconds").record(backup)
            return registry.emitToBuffer()
        }
    }

    private static let scraping = Mutex(())
}
