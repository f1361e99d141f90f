import Foundation

/// An admin's e-mail recipient: an address that gets a message for each event of `eventKinds` on a
/// record in the unit subtree of `unitId` (nil: every unit). Usually a function mailbox
/// (`lexsarah@kommun.se`), since messages never carry the record's free text.
public struct MailRecipient: EventSubscription, Equatable {
    /// `ep_` and 96 random bits in hex.
    public var id: String
    public var address: String
    public var eventKinds: [EventKind]
    public var unitId: String?
    public var createdAt: Date
    public var createdBy: String

    public init(
        id: String, address: String, eventKinds: [EventKind], unitId: String?, createdAt: Date, createdBy: String
    ) {
        self.id = id
        self.address = address
        self.eventKinds = eventKinds
        self.unitId = unitId
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// Longest address SMTP carries (RFC 5321 § 4.5.3.1.3: a path of 256 octets with its brackets).
    public static let maxAddressLength = 254

    /// The rule on addresses (the SMTP envelope's `addr-spec` without quoting or comments):
    /// `local@domain`, at most 254 characters, a local part of printable ASCII without spaces, angle
    /// brackets, commas, quotes or semicolons, and a domain of letters, digits, hyphens and dots
    /// with at least one dot. Internationalised addresses are refused (relays rarely take SMTPUTF8).
    public static func checkAddress(_ text: String, pointer: String = "/address") -> FieldProblem? {
        let refused = FieldProblem(
            pointer, .invalidFormat(example: "lexsarah@kommun.se"),
            detail: "must be an e-mail address local@domain of at most \(maxAddressLength) ASCII characters")
        guard text.utf8.count <= maxAddressLength, text.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            return refused
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty,
            local.utf8.count <= 64, !local.contains(where: { "<>,;\"()[]\\:".contains($0) })
        else { return refused }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelOK: (Substring) -> Bool = { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard labels.count >= 2, labels.allSatisfy(labelOK) else { return refused }
        return nil
    }
}
