import KvalitetDomain

/// The `event_kinds` column of `webhook_subscriptions` and `mail_recipients`: the kinds' raw values
/// joined by commas (the CHECKs of 0009 and 0013 hold its shape). One codec for both tables.
enum StoredEventKinds {
    /// `[record.created, deadline.passed]` → `"record.created,deadline.passed"`.
    static func text(_ kinds: [EventKind]) -> String { kinds.map(\.rawValue).joined(separator: ",") }

    /// The column's text back as kinds, in stored order; a value this binary does not know is skipped.
    static func kinds(_ text: String) -> [EventKind] {
        text.split(separator: ",").compactMap { EventKind(rawValue: String($0)) }
    }
}
