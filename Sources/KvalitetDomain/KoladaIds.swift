/// Kolada's ids for whom a value is about, checked before they are fetched or stored.
/// A municipality is its four-digit code `LLKK` (län 01–25, then the municipality: `1315`);
/// `0000` is riket (the whole country); `00LL` is a region (county, län LL) — Kolada keeps those
/// too, but they are not municipalities and not compared here; a municipality group is `G` and
/// digits (`G36535`).
public enum KoladaId {
    /// What `id` is, or nil when it is none of Kolada's ids this service keeps.
    public static func scope(of id: String) -> KoladaScope? {
        let bytes = Array(id.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if id == "0000" { return .riket }
        if bytes.count == 4, bytes.allSatisfy(isDigit), let county = Int(id.prefix(2)), (1...25).contains(county) {
            return .kommun
        }
        if (2...12).contains(bytes.count), bytes[0] == UInt8(ascii: "G"), bytes.dropFirst().allSatisfy(isDigit) {
            return .grupp
        }
        return nil
    }

    /// Why `id` is not a municipality, phrased for the user; nil when it is one.
    public static func municipalityProblem(_ id: String) -> String? {
        if scope(of: id) == .kommun { return nil }
        if id == "0000" {
            return "0000 is riket (the whole country), which every import fetches anyway; "
                + "give the municipality's four digits, such as 1315"
        }
        if id.utf8.count == 4, id.hasPrefix("00") {
            return "\(id) is a region (län \(id.dropFirst(2))) in Kolada, not a municipality; "
                + "give the municipality's four digits, such as 1315"
        }
        if scope(of: id) == .grupp {
            return "\(id) is a municipality group; give it as group, and the municipality's four digits here"
        }
        return "must be a municipality's four-digit code (län 01–25 and municipality, such as 1315)"
    }

    /// Why `id` is not a municipality group, phrased for the user; nil when it is one.
    public static func groupProblem(_ id: String) -> String? {
        scope(of: id) == .grupp ? nil : "must be a municipality group id: G and digits, such as G36535"
    }
}
