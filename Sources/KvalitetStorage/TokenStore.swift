import Crypto
import Foundation
import GRDB
import KvalitetDomain
import Synchronization

/// A token as listed (never the secret itself, which is not stored).
public struct TokenInfo: Sendable, Equatable {
    public let name: String
    public let role: Role
    public let unitIds: [String]
    public let createdAt: Date
    public let revokedAt: Date?
    /// When the token stops working; nil for no expiry.
    public let expiresAt: Date?
    /// The last request it authenticated, to the minute; nil if never used.
    public let lastUsedAt: Date?
}

/// What a presented secret turned out to be.
public enum TokenCheck: Sendable, Equatable {
    case valid(Actor)
    /// A token that expired at the given instant (named: the name is no secret).
    case expired(name: String, at: Date)
    /// No token has this secret, or it was revoked.
    case unknown
}

/// Bearer tokens: 256 random bits, stored only as SHA-256, revocable, rotatable, optionally expiring and
/// limited to unit subtrees; the last use is recorded at most once a minute per token.
public struct TokenStore: Sendable {
    let database: KvalitetDatabase
    /// When each token's `last_used_at` was last written, so that it is written at most once a minute.
    private let lastUseWritten = LastUseGate()

    public init(_ database: KvalitetDatabase) { self.database = database }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46
                    || $0 == 95
            }
    }

    /// Creates a token and returns its secret, which is shown this once and never again; `expiresAt`
    /// must lie in the future.
    public func create(
        name: String, role: Role, unitIds: [String], expiresAt: Date? = nil, by actor: Actor
    ) async throws -> String {
        var problems = ProblemList()
        if !TokenStore.isValidName(name) {
            problems.add(
                "/name", .invalidFormat(example: "intranet-form"),
                detail: "must be 1–64 characters of letters, digits, . _ -")
        }
        if let expiresAt, expiresAt <= database.now { problems.add("/expiresAt", .notInFuture) }
        try problems.throwIfAny()
        let secret = TokenStore.newSecret()
        let hash = SHA256.hash(data: Data(secret.utf8))
        let now = database.nowText
        try await StorageErrors.translate {
            try await database.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM tokens WHERE name = ?", arguments: [name]) == true {
                    throw DomainError.conflict(rule: "a token named \(name) already exists (names are never reused)")
                }
                for (index, unitId) in unitIds.enumerated()
                where try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE id = ?", arguments: [unitId]) != true {
                    throw DomainError.invalid([FieldProblem("/unitIds/\(index)", .unknownUnit(unitId: unitId))])
                }
                try db.execute(
                    sql: "INSERT INTO tokens (name, hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, Data(hash), role.rawValue, now, expiresAt.map(Timestamp.format)])
                for unitId in Set(unitIds) {
                    try db.execute(
                        sql: "INSERT INTO token_units (token_name, unit_id) VALUES (?, ?)", arguments: [name, unitId])
                }
                let until = expiresAt.map { ", expires \(Timestamp.format($0))" } ?? ""
                try AuditLog.append(
                    db, at: now, actor: actor, action: .tokenCreate, recordId: nil,
                    detail: "token \(name), role \(role.rawValue)\(until)")
            }
        }
        return secret
    }

    /// Gives an active token a new secret (same name, role and units); the old one stops working at once.
    /// Without `expiresAt` the token keeps its expiry, unless that has passed (then a new one is required).
    public func rotate(name: String, expiresAt: Date? = nil, by actor: Actor) async throws -> String {
        let now = database.now
        if let expiresAt, expiresAt <= now {
            throw DomainError.invalid([FieldProblem("/expiresAt", .notInFuture)])
        }
        let secret = TokenStore.newSecret()
        let hash = Data(SHA256.hash(data: Data(secret.utf8)))
        try await database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT expires_at FROM tokens WHERE name = ? AND revoked_at IS NULL",
                    arguments: [name])
            else {
                throw DomainError.notFound("no active token named \(name)")
            }
            var until = expiresAt
            if until == nil, let current = (row["expires_at"] as String?).flatMap(Timestamp.parse) {
                guard current > now else {
                    throw DomainError.conflict(
                        rule: "token \(name) expired \(Timestamp.format(current)); give a new expiry")
                }
                until = current
            }
            try db.execute(
                sql: "UPDATE tokens SET hash = ?, expires_at = ? WHERE name = ?",
                arguments: [Data(hash), until.map(Timestamp.format), name])
            try AuditLog.append(
                db, at: Timestamp.format(now), actor: actor, action: .tokenRotate, recordId: nil,
                detail: "token \(name)")
        }
        return secret
    }

    /// On a database without tokens, creates `admin` and returns its secret; otherwise nil.
    public func createInitialAdminIfNone() async throws -> String? {
        let count = try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tokens") ?? 0
        }
        guard count == 0 else { return nil }
        return try await create(
            name: "admin", role: .admin, unitIds: [],
            by: Actor(tokenName: "kvalitet-serve", role: .admin, unitScope: nil))
    }

    public func list() async throws -> [TokenInfo] {
        try await database.pool.read { db in
            let units = try Row.fetchAll(db, sql: "SELECT token_name, unit_id FROM token_units ORDER BY unit_id")
            let byToken = Dictionary(grouping: units, by: { $0["token_name"] as String })
            let sql = "SELECT name, role, created_at, revoked_at, expires_at, last_used_at FROM tokens ORDER BY name"
            return try Row.fetchAll(db, sql: sql).map { row in
                let name: String = row["name"]
                return TokenInfo(
                    name: name, role: Role(rawValue: row["role"]) ?? .lasare,
                    unitIds: (byToken[name] ?? []).map { $0["unit_id"] },
                    createdAt: Timestamp.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                    revokedAt: (row["revoked_at"] as String?).flatMap(Timestamp.parse),
                    expiresAt: (row["expires_at"] as String?).flatMap(Timestamp.parse),
                    lastUsedAt: (row["last_used_at"] as String?).flatMap(Timestamp.parse))
            }
        }
    }

    public func revoke(name: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.write { db in
            try db.execute(
                sql: "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            guard db.changesCount == 1 else {
                throw DomainError.notFound("no active token named \(name)")
            }
            try AuditLog.append(
                db, at: now, actor: actor, action: .tokenRevoke, recordId: nil, detail: "token \(name)")
        }
    }

    /// What a presented secret stands for; a valid use is recorded as `last_used_at` at most once a minute.
    public func authenticate(_ secret: String) async throws -> TokenCheck {
        guard secret.utf8.count <= 256 else { return .unknown }
        let hash = Data(SHA256.hash(data: Data(secret.utf8)))
        let now = database.now
        // Every request but /health asks this: on the lookup connection, with its statements prepared once.
        let check = try await database.lookup { db -> TokenCheck in
            let sql = "SELECT name, hash, role, revoked_at, expires_at FROM tokens WHERE hash = ?"
            guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [Data(hash)]) else {
                return .unknown
            }
            let stored: Data = row["hash"]
            guard hash == stored, (row["revoked_at"] as String?) == nil,
                let role = Role(rawValue: row["role"])
            else { return .unknown }
            let name: String = row["name"]
            if let expiry = (row["expires_at"] as String?).flatMap(Timestamp.parse), expiry <= now {
                return .expired(name: name, at: expiry)
            }
            // A later snapshot than the token's, which is enough: a token's units are written in the
            // transaction that creates it and never change.
            let units = try String.fetchAll(
                db.cachedStatement(sql: "SELECT unit_id FROM token_units WHERE token_name = ? ORDER BY unit_id"),
                arguments: [name])
            return .valid(Actor(tokenName: name, role: role, unitScope: units.isEmpty ? nil : units))
        }
        if case .valid(let actor) = check, lastUseWritten.shouldWrite(actor.tokenName, at: now) {
            let text = Timestamp.format(now)
            try await database.write { db in
                try db.executeCached(
                    sql: "UPDATE tokens SET last_used_at = ? WHERE name = ?", arguments: [text, actor.tokenName])
            }
        }
        return check
    }

    /// An expiry as `token create --expires` takes it: `90d` (days from `now`) or a date `YYYY-MM-DD`
    /// (the token works through that Swedish day); nil for anything else.
    public static func expiry(_ text: String, now: Date) -> Date? {
        if text.hasSuffix("d"), let days = Int(text.dropLast()), (1...3650).contains(days) {
            return now.addingTimeInterval(Double(days) * 86_400)
        }
        guard let day = LocalDate(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SwedishTime.zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day + 1))
    }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
        return "kv_" + base64
    }
}

/// Remembers when each token's last use was written; lets a write through once a minute per token.
final class LastUseGate: Sendable {
    private let written = Mutex<[String: Date]>([:])

    func shouldWrite(_ name: String, at now: Date) -> Bool {
        written.withLock { times in
            if let last = times[name], now.timeIntervalSince(last) < 60, now >= last { return false }
            times[name] = now
            return true
        }
    }
}
