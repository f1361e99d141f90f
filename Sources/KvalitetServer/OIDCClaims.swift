import Foundation
import JWTKit

/// A JWT's claims as sent, by name: the verifier reads the standard ones and the configured role,
/// name, title and HSA-id claims. Checking them is `OIDCVerifier`'s (with the injected clock), not jwt-kit's.
struct OIDCClaims: JWTPayload {
    /// One claim's value, in the shapes claims take.
    enum Value: Sendable, Equatable {
        case string(String)
        case strings([String])
        case number(Double)
        case other
    }

    let values: [String: Value]

    init(values: [String: Value]) { self.values = values }

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    func string(_ name: String) -> String? {
        if case .string(let text) = values[name] { return text }
        return nil
    }

    /// A claim that may be one string or a list of them (`aud`, `roles`, `groups`).
    func strings(_ name: String) -> [String] {
        switch values[name] {
        case .string(let text): return [text]
        case .strings(let texts): return texts
        default: return []
        }
    }

    /// A NumericDate claim (`exp`, `nbf`): seconds since 1970.
    func date(_ name: String) -> Date? {
        if case .number(let seconds) = values[name] { return Date(timeIntervalSince1970: seconds) }
        return nil
    }

    private struct Name: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        var values: [String: Value] = [:]
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) {
                values[key.stringValue] = .string(text)
            } else if let number = try? container.decode(Double.self, forKey: key) {
                values[key.stringValue] = .number(number)
            } else if let texts = try? container.decode([String].self, forKey: key) {
                values[key.stringValue] = .strings(texts)
            } else {
                values[key.stringValue] = .other
            }
        }
        self.values = values
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, value) in values {
            switch value {
            case .string(let text): try container.encode(text, forKey: Name(stringValue: name))
            case .strings(let texts): try container.encode(texts, forKey: Name(stringValue: name))
            case .number(let number): try container.encode(number, forKey: Name(stringValue: name))
            case .other: continue
            }
        }
    }
}
