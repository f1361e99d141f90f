import Foundation
import KvalitetDomain

/// One e-mail as sent (RFC 5322 with MIME, RFC 2045–2047): a UTF-8 plain-text body in
/// quoted-printable and a subject in RFC 2047 encoded words, so that it passes relays without
/// 8BITMIME or SMTPUTF8. Lines end with CRLF and stay within 78 characters.
struct MailMessage: Sendable, Equatable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var date: Date
    /// The Message-ID without angle brackets: the same for every attempt of one delivery.
    var messageId: String

    /// The message's bytes, headers then body.
    var bytes: [UInt8] {
        let headers = [
            "Date: \(Self.rfc5322Date(date))",
            "From: Kvalitet <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWords(subject))",
            "Message-ID: <\(messageId)>",
            // RFC 3834: written by a program, so that auto-replies are not sent back.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body) + "\r\n").utf8)
    }

    /// `Tue, 01 Dec 2026 05:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// RFC 2047 `=?utf-8?B?…?=` words of at most 75 characters, folded onto continuation lines;
    /// a character is never split between two words.
    static func encodedWords(_ text: String) -> String {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes make 60 base64 characters: with `=?utf-8?B?` and `?=` a word of 72.
            if chunk.count + bytes.count > 45 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// RFC 2045 § 6.7 quoted-printable of `text`'s UTF-8, its `\n` lines made CRLF, with soft line
    /// breaks keeping every line within 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded: [String] = []
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 32 || byte == 9) && !last)
                encoded.append(literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte))
            }
            var current = ""
            for piece in encoded {
                if current.count + piece.count > 75 {
                    lines.append(current + "=")
                    current = ""
                }
                current += piece
            }
            lines.append(current)
        }
        return lines.joined(separator: "\r\n")
    }
}
