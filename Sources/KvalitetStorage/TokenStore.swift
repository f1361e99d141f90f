import Crypto
import Foundation
import GRDB
import KvalitetDomain

/// A token as listed (never the secret itself, which is not stored).
public struct TokenInfo: Sendable, Equatable {
    public let name: String
    public let role: Role
    public let unitIds: [String]
    public let createdAt: Date
    public let revokedAt: Date?
}

/// Bearer tokens: 256 random bits, stored only as SHA-256, revocable, optionally limited to unit subtrees.
public struct TokenStore: Sendable {
    let database: KvalitetDatabase

    public init(_ database: KvalitetDatabase) { self.database = database }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 || $0 == 95
        }
    }

    /// Creates a token and returns its secret, which is shown this once and never again.
    public func create(name: String, role: Role, unitIds: [String], by actor: Actor) async throws -> String {
        var problems = ProblemList()
        if !TokenStore.isValidName(name) { problems.add("/name", "must be 1–64 characters of letters, digits, . _ -") }
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
                    throw DomainError.invalid([FieldProblem("/unitIds/\(index)", "no unit \(unitId)")])
                }
                try db.execute(sql: "INSERT INTO tokens (name, hash, role, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [name, Data(hash), role.rawValue, now])
                for unitId in Set(unitIds) {
                    try db.execute(sql: "INSERT INTO token_units (token_name, unit_id) VALUES (?, ?)", arguments: [name, unitId])
                }
                try AuditLog.append(db, at: now, actor: actor, action: .tokenCreate, recordId: nil,
                                    detail: "token \(name), role \(role.rawValue)")
            }
        }
        return secret
    }

    /// On a database without tokens, creates `admin` and returns its secret; otherwise nil.
    public func createInitialAdminIfNone() async throws -> String? {
        let count = try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tokens") ?? 0 }
        guard count == 0 else { return nil }
        return try await create(name: "admin", role: .admin, unitIds: [],
                                by: Actor(tokenName: "kvalitet-serve", role: .admin, unitScope: nil))
    }

    public func list() async throws -> [TokenInfo] {
        try await database.pool.read { db in
            let units = try Row.fetchAll(db, sql: "SELECT token_name, unit_id FROM token_units ORDER BY unit_id")
            let byToken = Dictionary(grouping: units, by: { $0["token_name"] as String })
            return try Row.fetchAll(db, sql: "SELECT name, role, created_at, revoked_at FROM tokens ORDER BY name").map { row in
                let name: String = row["name"]
                return TokenInfo(
                    name: name, role: Role(rawValue: row["role"]) ?? .lasare,
                    unitIds: (byToken[name] ?? []).map { $0["unit_id"] },
                    createdAt: Timestamp.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                    revokedAt: (row["revoked_at"] as String?).flatMap(Timestamp.parse))
            }
        }
    }

    public func revoke(name: String, by actor: Actor) async throws {
        let now = database.nowText
        try await database.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            guard db.changesCount == 1 else {
                throw DomainError.notFound("no active token named \(name)")
            }
            try AuditLog.append(db, at: now, actor: actor, action: .tokenRevoke, recordId: nil, detail: "token \(name)")
        }
    }

    /// The actor a presented secret stands for, or nil for an unknown or revoked token.
    public func authenticate(_ secret: String) async throws -> Actor? {
        guard secret.utf8.count <= 256 else { return nil }
        let hash = SHA256.hash(data: Data(secret.utf8))
        // Every request but /health asks this: on the lookup connection, with its statements prepared once.
        return try await database.lookup { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, hash, role, revoked_at FROM tokens WHERE hash = ?"),
                                             arguments: [Data(hash)]) else { return nil }
            let stored: Data = row["hash"]
            guard hash == stored, (row["revoked_at"] as String?) == nil,
                  let role = Role(rawValue: row["role"]) else { return nil }
            let name: String = row["name"]
            // A later snapshot than the token's, which is enough: a token's units are written in the
            // transaction that creates it and never change.
            let units = try String.fetchAll(db.cachedStatement(sql: "SELECT unit_id FROM token_units WHERE token_name = ? ORDER BY unit_id"),
                                            arguments: [name])
            return Actor(tokenName: name, role: role, unitScope: units.isEmpty ? nil : units)
        }
    }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "kv_" + base64
    }
}
