import ArgumentParser
import Foundation
import KvalitetDomain
import KvalitetServer
import KvalitetStorage

/// `kvalitet token create|list|revoke`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (only it) on stdout.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "Unique name (letters, digits, . _ -), shown in the audit log.") var name: String
        @Option(help: "admin, kvalitet, rapportor or lasare.") var role: String
        @Option(help: "Limit the token to this unit and its sub-units (repeatable).") var unit: [String] = []

        func run() async throws {
            guard let parsedRole = Role(rawValue: role) else {
                throw ValidationError("--role must be one of: \(Role.allCodes.joined(separator: ", "))")
            }
            let (_, services, _) = try options.open()
            do {
                print(try await services.tokens.create(name: name, role: parsedRole, unitIds: unit, by: commandLineActor))
            } catch let error as DomainError {
                throw ValidationError(describe(error))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (_, services, _) = try options.open()
            print(["name", "role", "units", "created", "revoked"].joined(separator: "\t"))
            for token in try await services.tokens.list() {
                print([token.name, token.role.rawValue, token.unitIds.isEmpty ? "*" : token.unitIds.joined(separator: ","),
                       Timestamp.format(token.createdAt), token.revokedAt.map(Timestamp.format) ?? "-"].joined(separator: "\t"))
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
