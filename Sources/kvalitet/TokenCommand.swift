import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet token create|list|revoke`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list, rotate and revoke API tokens.",
        subcommands: [Create.self, List.self, Rotate.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (only it) on stdout.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "Unique name (letters, digits, . _ -), shown in the audit log.") var name: String
        @Option(help: "admin, kvalitet, rapportor or lasare.") var role: String
        @Option(help: "Limit the token to this unit and its sub-units (repeatable).") var unit: [String] = []
        @Option(help: "Expiry: days from now (90d) or the last day it works (YYYY-MM-DD, Swedish time).") var expires:
            String?

        func run() async throws {
            guard let parsedRole = Role(rawValue: role) else {
                throw ValidationError("--role must be one of: \(Role.allCodes.joined(separator: ", "))")
            }
            let (config, services, _) = try options.open()
            let expiresAt = try expires.map { try expiry($0, now: config.clock.now()) }
            do {
                print(
                    try await services.tokens.create(
                        name: name, role: parsedRole, unitIds: unit, expiresAt: expiresAt,
                        by: commandLineActor))
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens with expiry and last use (never their secrets).")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (_, services, _) = try options.open()
            print(["name", "role", "units", "created", "revoked", "expires", "last-used"].joined(separator: "\t"))
            for token in try await services.tokens.list() {
                print(
                    [
                        token.name, token.role.rawValue,
                        token.unitIds.isEmpty ? "*" : token.unitIds.joined(separator: ","),
                        Timestamp.format(token.createdAt), token.revokedAt.map(Timestamp.format) ?? "-",
                        token.expiresAt.map(Timestamp.format) ?? "never",
                        token.lastUsedAt.map(Timestamp.format) ?? "never",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Give a token a new secret (same name, role, units) and print it; the old secret stops working at once."
        )
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The token's name.") var name: String
        @Option(help: "New expiry (90d or YYYY-MM-DD); without it the current expiry is kept.") var expires: String?

        func run() async throws {
            let (config, services, _) = try options.open()
            let expiresAt = try expires.map { try expiry($0, now: config.clock.now()) }
            do {
                print(try await services.tokens.rotate(name: name, expiresAt: expiresAt, by: commandLineActor))
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name; it stops working at once.")
        @Argument(help: "The token's name.") var name: String
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (_, services, _) = try options.open()
            do {
                try await services.tokens.revoke(name: name, by: commandLineActor)
                print("revoked \(name)")
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }
}

/// `--expires` as given: `90d` or a date; anything else is a usage error.
func expiry(_ text: String, now: Date) throws -> Date {
    guard let date = TokenStore.expiry(text, now: now) else {
        throw ValidationError("--expires must be a number of days (90d, 1–3650) or a date YYYY-MM-DD (got \(text))")
    }
    return date
}

func describe(_ error: DomainError) -> String {
    switch error {
    case .invalid(let problems): problems.map(\.description).joined(separator: "; ")
    case .conflict(let rule, _): rule
    case .notFound(let what): what
    case .forbidden(let why): why
    case .staleVersion(let current): "stale version (current \(current))"
    case .versionRequired(let current): "exists already (version \(current)); name the version to replace it"
    }
}
