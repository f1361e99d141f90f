import Foundation
import Hummingbird
@testable import KvalitetServer
import Testing

/// Numbers as JSON has them: read by value (JSON Schema 2020-12), so 2.0 is the integer 2.
@Suite("Numbers as JSON has them")
struct JSONNumberTests {
    /// Number texts (as the parser keeps them) and the integer each stands for, or nil.
    static let integerRows: [(text: String, value: Int?)] = [
        ("2", 2), ("2.0", 2), ("2.00000", 2), ("2e0", 2), ("2E0", 2), ("20e-1", 2), ("0.2e1", 2), ("2.0e+0", 2),
        ("-0", 0), ("-0.0", 0), ("0e5", 0), ("0.000e-3", 0), ("-3.0", -3), ("1E2", 100), ("1.5e1", 15),
        ("9223372036854775807", Int.max), ("9223372036854775807.0", Int.max), ("-9223372036854775808", Int.min),
        ("2.5", nil), ("2.01", nil), ("0.5", nil), ("25e-1", nil), ("1e-1", nil), ("9223372036854775808", nil),
        ("1e19", nil), ("1e999999999999999999999", nil), ("1e-999999999999999999999", nil), ("0.1e1", 1),
        // Exponents at Int's ends: the arithmetic on them must not overflow (it used to trap the server).
        ("1e-9223372036854775808", nil), ("1.5e-9223372036854775807", nil), ("1e9223372036854775807", nil),
        ("0e-9223372036854775808", 0), ("2.0000000000000001", nil), ("1e400", nil),
    ]

    @Test(arguments: integerRows)
    func aNumberIsAnIntegerWhenItsValueIsWhole(row: (text: String, value: Int?)) {
        #expect(JSONValue.integer(row.text) == row.value, "\(row.text)")
    }

    /// The same, read in hundredths (key-figure values with at most two decimals).
    static let hundredthRows: [(text: String, value: Int?)] = [
        ("67", 6700), ("67.5", 6750), ("67.25", 6725), ("67.250", 6725), ("6.725e1", 6725), ("-3.5", -350),
        ("0.01", 1), ("67.005", nil), ("1e-3", nil), ("0", 0),
        ("1.5e9223372036854775807", nil), ("1e9223372036854775806", nil), ("1e-9223372036854775808", nil),
    ]

    @Test(arguments: hundredthRows)
    func aKeyFigureValueIsReadByValueInHundredths(row: (text: String, value: Int?)) {
        #expect(JSONValue.integer(row.text, scale: 2) == row.value, "\(row.text)")
    }

    /// Integer fields written as JSON numbers, and the status each body gets.
    static let riskRows: [(probability: String, status: HTTPResponse.Status, stored: Int?)] = [
        ("2", .created, 2), ("2.0", .created, 2), ("2e0", .created, 2), ("20e-1", .created, 2), ("4.000", .created, 4),
        ("2.5", .unprocessableContent, nil), ("1.0001", .unprocessableContent, nil),
        ("5.0", .unprocessableContent, nil),
    ]

    @Test func anIntegerWrittenWithAZeroFractionIsThatIntegerAndAFractionIsRefusedWithAPointer() async throws {
        try await TestApp.make().run { client in
            for row in Self.riskRows {
                let body = #"{"unitIds":["ifo-utr"],"title":"Flytt","trigger":"ovrigt","plannedOn":"2025-03-01","#
                    + #""risks":[{"description":"Journaler","probability":\#(row.probability),"consequence":3.0}]}"#
                let reply = try await client.send(.post, "/api/v1/riskanalyser", json: body)
                #expect(reply.status == row.status, "\(row.probability): \(reply.body)")
                if let stored = row.stored {
                    let risk = (reply.json["risks"] as? [[String: Any]])?.first
                    #expect(risk?["probability"] as? Int == stored)
                    #expect(risk?["riskValue"] as? Int == stored * 3)
                } else {
                    #expect(reply.pointers == ["/risks/0/probability"], "\(row.probability)")
                }
            }
        }
    }

    @Test func aSurveyCountWrittenAsADecimalWholeNumberIsAccepted() async throws {
        try await TestApp.make().run { client in
            let body = #"{"unitIds":["ifo-utr"],"title":"Enkät","area":"enskildas_upplevelser","#
                + #""method":"brukarundersokning","#
                + #""plannedOn":"2025-03-01","survey":{"offered":120.0,"responses":4.5e1}}"#
            let reply = try await client.send(.post, "/api/v1/egenkontroller", json: body)
            #expect(reply.status == .created, "\(reply.body)")
            #expect((reply.json["survey"] as? [String: Any])?["responses"] as? Int == 45)
        }
    }
}
