import Configuration
import Foundation

/// One configuration setting, described once: swift-configuration's `ConfigReader` finds its text in the
/// flag `--<key in dash-case>` (`idleTimeout` → `--idle-timeout`), else in the environment variable
/// `KVALITET_<name in SNAKE_CASE>` (the key, or `environment` where the name differs), else the setting is
/// left at `AppConfig`'s default. `apply` checks the text and sets it, or says what is wrong with it.
public struct Setting: Sendable {
    /// The configuration key, in camelCase: the flag is its dash-case.
    public let key: String
    /// The key the environment variable is named after (`KVALITET_` + SNAKE_CASE).
    public let environment: String
    /// One line for `--help`, ending with the default.
    public let help: String
    /// Checks `text` and sets it on the configuration; returns the problem, phrased to follow the names.
    let apply: @Sendable (_ text: String, _ config: inout AppConfig) -> String?

    public init(_ key: String, environment: String? = nil, help: String,
                apply: @escaping @Sendable (_ text: String, _ config: inout AppConfig) -> String?) {
        self.key = key
        self.environment = environment ?? key
        self.help = help
        self.apply = apply
    }

    /// `--idle-timeout`, as `CommandLineArgumentsProvider` encodes the key.
    public var flag: String { "--" + Self.words(key).joined(separator: "-") }
    /// `KVALITET_IDLE_TIMEOUT`, as `EnvironmentVariablesProvider` encodes `kvalitet.<environment>`.
    public var variable: String { (["KVALITET"] + Self.words(environment)).joined(separator: "_").uppercased() }

    /// The camelCase words of a key, lower-cased.
    static func words(_ key: String) -> [String] {
        var words: [String] = [""]
        for character in key {
            if character.isUppercase, words[words.count - 1].last?.isLowercase == true { words.append("") }
            words[words.count - 1].append(character)
        }
        return words.map { $0.lowercased() }
    }
}

/// Every problem found in the configuration; the start stops with all of them listed.
public struct ConfigurationProblems: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String { "bad configuration:\n  " + problems.joined(separator: "\n  ") }
}

extension AppConfig {
    /// The reader the command line uses: `arguments` (flags, as `--name value` or `--name=value`) win over
    /// `environment`; what neither gives keeps `AppConfig`'s default.
    public static func reader(arguments: [String], environment: [String: String], settings: [Setting]) -> ConfigReader {
        let byKey = Dictionary(settings.map { ($0.key, $0.environment) }, uniquingKeysWith: { first, _ in first })
        let variables = EnvironmentVariablesProvider(environmentVariables: environment).mapKeys { key in
            AbsoluteConfigKey(["kvalitet", byKey[key.components.joined(separator: ".")] ?? key.components.joined()])
        }
        // The provider skips its first element, the program's name.
        return ConfigReader(providers: [CommandLineArgumentsProvider(arguments: ["kvalitet"] + arguments), variables])
    }

    /// The configuration `settings` read from `reader` over the defaults; throws every problem at once,
    /// including flags in `arguments` that no setting has.
    public init(reading reader: ConfigReader, settings: [Setting],
                arguments: [String] = []) throws(ConfigurationProblems) {
        self.init()
        var problems: [String] = []
        let flags = Set(settings.map(\.flag))
        for argument in arguments where argument.hasPrefix("--") {
            let flag = String(argument.prefix { $0 != "=" })
            if !flags.contains(flag) { problems.append("\(flag) is not an option here; see --help") }
        }
        for setting in settings {
            guard let text = Self.text(of: setting, in: reader) else { continue }
            if let problem = setting.apply(text, &self) {
                problems.append("\(setting.flag) / \(setting.variable): \(problem)")
            }
        }
        // The OpenID settings are checked together (an issuer needs an audience, a mapping file is read).
        if settings.contains(where: { $0.key == "oidcIssuer" }) {
            let (oidc, oidcProblems) = oidcInput.settings()
            self.oidc = oidc
            problems += oidcProblems
        }
        // So are the e-mail settings (a relay needs a sender address and the public URL).
        problems += mail.problems
        guard problems.isEmpty else { throw ConfigurationProblems(problems: problems) }
    }

    /// The setting's text as given. Both providers split values at commas, so a list (or a path with a
    /// comma) is read as an array and joined again.
    private static func text(of setting: Setting, in reader: ConfigReader) -> String? {
        if let text = try? reader.requiredString(forKey: ConfigKey(setting.key)) { return text }
        return reader.stringArray(forKey: ConfigKey(setting.key))?.joined(separator: ",")
    }
}
