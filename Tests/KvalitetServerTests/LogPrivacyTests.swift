import Foundation
import HTTPTypes
import Hummingbird
@testable import KvalitetServer
import Logging
import Synchronization
import Testing

/// The JSON log of a real in-process app, captured line by line.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    var sink: LogSink {
        LogSink { [self] data in lines.withLock { $0.append(String(decoding: data, as: UTF8.self)) } }
    }
    var all: [String] { lines.withLock { $0 } }
    func logger(level: Logger.Level = .trace) -> Logger {
        let sink = sink
        return Logger(label: "kvalitet") { label in
            var handler = JSONLogHandler(label: label, sink: sink)
            handler.logLevel = level
            return handler
        }
    }
    /// Every line as a JSON object; a line that is not one fails the test.
    var objects: [[String: Any]] {
        all.compactMap { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false, "one object per line")
            return object
        }
    }
}

@Suite("Logs: JSON lines, an access line per request, never free text")
struct LogPrivacyTests {
    static let marker = "MARKÖR-7f3a-personnummer-19121212-1212"

    /// Every family's create body with the marker in each free-text field (`freeTextKeys` of its wire type).
    static let bodies: [(collection: String, body: String)] = {
        let m = marker
        let measures = #""measures":[{"description":"\#(m)","responsible":"\#(m)","dueOn":"2025-04-01"}]"#
        let one = #"{"unitId":"ifo-utr","title":"\#(m)","description":"\#(m)","#
        let many = #"{"unitIds":["ifo-utr"],"title":"\#(m)","description":"\#(m)","#
        let risk = #"{"description":"\#(m)","probability":2,"consequence":4,"#
            + #""measures":[{"description":"\#(m)","responsible":"\#(m)"}]}"#
        return [
            ("/api/v1/avvikelser", one + #""receivedOn":"2025-03-02","category":"dokumentation",\#(measures)}"#),
            ("/api/v1/klagomal", one + #""receivedOn":"2025-03-02","source":"utomstaende","submitter":"brukare","#
                + #""type":"klagomal","subject":"bemotande",\#(measures)}"#),
            ("/api/v1/lex-sarah", one + #""reportedOn":"2025-03-02","reporterRole":"anstalld","#
                + #""kinds":["insats_utford_felaktigt"],"#
                + #""immediateMeasures":{"description":"\#(m)","takenOn":"2025-03-02"},"#
                + #""investigation":{"investigator":"\#(m)","startedOn":"2025-03-03","motivation":"\#(m)"},"#
                + #"\#(measures)}"#),
            ("/api/v1/riskanalyser", many + #""trigger":"nytt_arbetssatt","plannedOn":"2025-09-01","#
                + #""participants":["\#(m)"],"risks":[\#(risk)],\#(measures)}"#),
            ("/api/v1/egenkontroller", many + #""area":"handlaggning_dokumentation","method":"aktgranskning","#
                + #""plannedOn":"2025-09-01","result":"\#(m)",\#(measures)}"#),
            ("/api/v1/tillsynsbeslut", many + #""authority":"ivo","caseNumber":"3.5.1-1234/2025","#
                + #""decidedOn":"2025-10-01","#
                + #""subject":"lex_sarah","deficienciesFound":true,"summary":"\#(m)",\#(measures)}"#),
        ]
    }()

    @Test func aMarkerInEveryFreeTextFieldOfEveryFamilyAppearsInNoLogLine() async throws {
        let log = CapturedLog()
        let app = try await TestApp.make()
        let token = app.tokens["admin"] ?? ""
        try await app.run(logger: log.logger()) { client in
            for (collection, body) in Self.bodies {
                let created = try await client.send(.post, collection, json: body)
                #expect(created.status == .created, "\(collection): \(created.body)")
                let id = created.json["id"] as? String ?? ""
                let stored = try await client.send(.get, "\(collection)/\(id)")
                #expect(stored.body.contains(Self.marker), "stored with the marker")
                _ = try await client.send(.get, "\(collection)/\(id)/history")
                _ = try await client.send(.get, "\(collection)?format=csv&includeText=true")
                let search = Self.marker.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                _ = try await client.send(.get, "\(collection)?q=\(search)")
                let patch = #"{"description":"\#(Self.marker) ändrad"}"#
                _ = try await client.patch("\(collection)/\(id)", patch, version: 1)
                // Refused bodies too: an unknown member named by the marker, a value that breaks a rule.
                _ = try await client.send(.post, collection, json: #"{"\#(Self.marker)":1}"#)
            }
            let m = Self.marker
            let notes = #"{"documentedOn":"2025-03-04","source":"\#(m)","kind":"faktum","authorName":"\#(m)","#
                + #""authorTitle":"\#(m)","text":"\#(m)"}"#
            let note = try await client.send(.post, "/api/v1/lex-sarah/LXS-2025-0001/notes", json: notes)
            #expect(note.status == .created)
            _ = try await client.send(.get, "/api/v1/kodverk", as: nil, headers: [.authorization: "Bearer \(m)"])
        }
        let lines = log.all
        #expect(lines.count >= Self.bodies.count * 7, "an access line per request at least")
        for line in lines {
            #expect(!line.contains(Self.marker), "free text in the log: \(line)")
            #expect(!line.contains(token), "a token in the log: \(line)")
        }
    }

    @Test func everyRequestGetsOneJSONAccessLineWithRouteStatusDurationAndRequestId() async throws {
        let log = CapturedLog()
        try await TestApp.make().run(logger: log.logger()) { client in
            let id = try await client.createAvvikelse()
            let read = try await client.send(.get, "/api/v1/avvikelser/\(id)")
            #expect(read.status == .ok)
            let requestId = read.headers[HTTPField.Name("X-Request-Id")!] ?? ""
            let access = log.objects.filter {
                $0["message"] as? String == "request" && $0["requestId"] as? String == requestId
            }
            #expect(access.count == 1)
            let line = access.first ?? [:]
            #expect(line["route"] as? String == "/api/v1/avvikelser/{id}")
            #expect(line["method"] as? String == "GET")
            #expect(line["status"] as? String == "200")
            #expect(Double(line["durationMs"] as? String ?? "") != nil)
            #expect(line["level"] as? String == "info")
            #expect((line["time"] as? String).flatMap { ISO8601DateFormatter.fractional.date(from: $0) } != nil)
        }
    }
}

extension ISO8601DateFormatter {
    static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
