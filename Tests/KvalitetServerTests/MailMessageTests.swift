import Foundation
@testable import KvalitetServer
import Testing

@Suite("E-mail message encoding")
struct MailMessageTests {
    @Test func aLongSwedishSubjectIsFoldedIntoEncodedWordsThatNeverSplitACharacter() {
        let subject = "Anmälan till IVO ska göras: LXS-2026-0007 (Hemtjänst Norr, Äldreboende Åsen)"
        let encoded = MailMessage.encodedWords(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?utf-8?B?") })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }
        #expect(decoded.joined() == subject && !decoded.contains { $0.contains("\u{FFFD}") })
    }

    @Test func quotedPrintableKeepsLinesShortEscapesNonASCIIAndTrailingSpaces() {
        let text = "Öppna ärendet: " + String(repeating: "x", count: 100) + "\nslut med mellanslag \nlika = tecken"
        let encoded = MailMessage.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 && $0.allSatisfy(\.isASCII) })
        #expect(lines[0].hasPrefix("=C3=96ppna =C3=A4rendet: ") && lines[0].hasSuffix("="))
        #expect(lines.contains("slut med mellanslag=20") && lines.contains("lika =3D tecken"))
    }

    @Test func theMessageHasTheHeadersOfAnAutomaticUTF8PlainTextMail() {
        let message = MailMessage(
            from: "kvalitet@kommun.se", to: "a@kommun.se", subject: "Hej", body: "Rad",
            date: Date(timeIntervalSince1970: 1_768_478_400), messageId: "msg_1.ep_1@kommun.se")
        let text = String(decoding: message.bytes, as: UTF8.self)
        #expect(text.hasPrefix("Date: Thu, 15 Jan 2026 12:00:00 +0000\r\nFrom: Kvalitet <kvalitet@kommun.se>\r\n"))
        #expect(text.contains("\r\nMessage-ID: <msg_1.ep_1@kommun.se>\r\n"))
        #expect(text.contains("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(text.hasSuffix("\r\n\r\nRad\r\n"))
    }
}
