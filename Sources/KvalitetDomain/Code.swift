/// A domain code: Swedish, lower-case ASCII snake_case, with the Swedish label users know.
public protocol Code: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {
    /// The kodverk list this code belongs to, as named in `GET /api/v1/kodverk`.
    static var listName: String { get }
    var label: String { get }
}

extension Code {
    public static var allCodes: [String] { allCases.map(\.rawValue) }

    /// Each code's label, as `GET /api/v1/kodverk` lists it (CSV with `labels=sv`).
    public static var labelsByCode: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.label) })
    }

    /// The sentence a validation problem uses when a value is not in the list.
    public static var mustBeOneOf: String { "must be one of: " + allCodes.joined(separator: ", ") }
}

/// One code list of the kodverk, type-erased for listing.
public struct CodeListDescription: Sendable, Equatable {
    public let name: String
    public let codes: [(code: String, label: String)]

    public init<C: Code>(_ type: C.Type) {
        name = C.listName
        codes = C.allCases.map { ($0.rawValue, $0.label) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.codes.map(\.code) == rhs.codes.map(\.code)
    }
}

/// Every code list the service knows, in the order `GET /api/v1/kodverk` returns them.
public enum Kodverk {
    public static let all: [CodeListDescription] = [CodeListDescription(Role.self), CodeListDescription(UnitLevel.self)]
        + RecordFamily.allCases.flatMap { $0.kind.codeLists } + [
            CodeListDescription(NyckeltalUnit.self), CodeListDescription(NyckeltalDirection.self),
            CodeListDescription(QualityLevel.self), CodeListDescription(KoladaScope.self),
        ]
}

extension RecordKind {
    /// The family's code lists, from its field table.
    static var codeLists: [CodeListDescription] { fieldTable.codeLists }
}

extension Kodverk {
    /// The Swedish label of `code` in the list named `listName`, or the code itself when unknown.
    public static func label(_ code: String, in listName: String) -> String {
        all.first { $0.name == listName }?.codes.first { $0.code == code }?.label ?? code
    }
}
