import KvalitetStorage

/// The build's version: `kvalitet --version`, `/health`, `/health/ready` and the image's label.
public enum KvalitetVersion {
    public static let current = "1.1.0"
}

/// One condition `/health/ready` requires, by name (`"identityProviderKeys"` …). A component that
/// must be ready before the service takes traffic adds one to `AppConfig.readinessChecks`.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let isReady: @Sendable () async -> Bool

    public init(name: String, isReady: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.isReady = isReady
    }
}

/// What `/health/ready` answers: every check by name, ready only when all hold.
struct Readiness: Sendable {
    let database: KvalitetDatabase
    let extra: [ReadinessCheck]

    /// `migrations`: the database is at this binary's schema version; `databaseWritable`: it answers
    /// and its file system has room (see `StorageSpace`); then the added checks, in their order.
    func evaluate() async -> (schemaVersion: Int?, checks: [(name: String, ok: Bool)]) {
        let schema = try? await database.appliedSchemaVersion()
        var checks: [(name: String, ok: Bool)] = [
            ("migrations", schema == Migrations.binaryVersion),
            ("databaseWritable", await database.isWritable()),
        ]
        for check in extra { checks.append((check.name, await check.isReady())) }
        return (schema, checks)
    }
}
