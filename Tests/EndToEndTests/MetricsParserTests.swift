import Foundation
import TestSupport
import Testing

/// `/metrics` of the real binary read by a real Prometheus text parser: prometheus-client's, from
/// PyPI, in a virtual environment this test creates and removes (or the Python of
/// `KVALITET_PROMETHEUS_PYTHON`, one that has it). Without python3 and pip the test fails under CI
/// and is skipped with the reason elsewhere.
@Suite("/metrics through prometheus-client's parser")
struct MetricsParserTests {
    static let package = "prometheus-client==0.26.0"
    static let parser = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "name": s.name,
                            "labels": s.labels, "value": s.value})
        json.dump(out, sys.stdout)
        """

    struct Sample: Decodable { let family, type, name: String; let labels: [String: String]; let value: Double }

    @Test func theTextParsesAndItsCountersMoveAsRequestsAreMade() async throws {
        guard let python = try PythonWithParser.make() else { return }
        defer { python.remove() }
        let kvalitet = try Kvalitet()
        defer { try? FileManager.default.removeItem(atPath: kvalitet.folder) }
        let token = try kvalitet.createToken(name: "drift", role: "admin")
        let server = try kvalitet.serve()
        defer { if server.process.isRunning { _ = server.stop() } }
        try await server.send("PUT", "/api/v1/verksamheter/enhet", token: token,
                              json: #"{"name":"Enhet","level":"sektion"}"#)
        let body = #"{"unitId":"enhet","title":"Mätt","receivedOn":"2025-03-02","category":"ovrigt"}"#
        let created = try await server.send("POST", "/api/v1/avvikelser", token: token, json: body)
        let id = created.json["id"] as? String ?? ""
        let before = try python.parse(try await server.send("GET", "/metrics", token: token).body)
        for _ in 0..<3 { #expect(try await server.send("GET", "/api/v1/avvikelser/\(id)", token: token).status == 200) }
        _ = try await server.send("GET", "/api/v1/kodverk", token: "kv_unknown")
        let after = try python.parse(try await server.send("GET", "/metrics", token: token).body)

        let reads = ["route": "/api/v1/avvikelser/{id}", "method": "GET", "status": "200"]
        func value(_ samples: [Sample], _ name: String, _ labels: [String: String]) -> Double {
            samples.first { $0.name == name && $0.labels == labels }?.value ?? 0
        }
        let requests = "kvalitet_http_requests_total"
        #expect(value(after, requests, reads) - value(before, requests, reads) == 3)
        #expect(value(after, "kvalitet_http_request_duration_seconds_count", reads) == 3)
        let failures = ["reason": "unknown"]
        #expect(value(after, "kvalitet_authentication_failures_total", failures)
            - value(before, "kvalitet_authentication_failures_total", failures) == 1)
        #expect(after.first { $0.name == "kvalitet_http_requests_total" }?.type == "counter")
        #expect(after.first { $0.family == "kvalitet_http_request_duration_seconds" }?.type == "histogram")
        #expect(value(after, "kvalitet_records", ["family": "avvikelse"]) == 1)
        #expect(value(after, "kvalitet_write_batch_jobs_count", [:]) >= 2)
        #expect(!after.contains { $0.labels.values.contains { $0.contains(id) } }, "no record id in a label")
        #expect(server.stop() == 0)
    }
}

/// A Python with prometheus-client: `KVALITET_PROMETHEUS_PYTHON`, or a venv made here (removed by `remove`).
struct PythonWithParser {
    let python: String
    let venv: String?

    static func make() throws -> PythonWithParser? {
        if let given = ProcessInfo.processInfo.environment["KVALITET_PROMETHEUS_PYTHON"] {
            return PythonWithParser(python: given, venv: nil)
        }
        let venv = NSTemporaryDirectory() + "kvalitet-prometheus-" + UUID().uuidString
        let made = try run("/usr/bin/env", ["python3", "-m", "venv", venv]).status == 0
            && (try run(venv + "/bin/pip", ["install", "-q", "--disable-pip-version-check",
                                            MetricsParserTests.package])).status == 0
        guard made else {
            try? FileManager.default.removeItem(atPath: venv)
            let reason = "needs python3 with venv (apt-get install -y python3-venv) and PyPI for "
                + MetricsParserTests.package
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("\(reason)")
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
        return PythonWithParser(python: venv + "/bin/python", venv: venv)
    }

    func remove() { if let venv { try? FileManager.default.removeItem(atPath: venv) } }

    /// The samples prometheus-client's parser reads from `text`; a text it refuses fails the test.
    func parse(_ text: Data) throws -> [MetricsParserTests.Sample] {
        let result = try Self.run(python, ["-c", MetricsParserTests.parser], input: text)
        let refusal = String(decoding: result.err, as: UTF8.self)
        #expect(result.status == 0, "prometheus-client refused the text: \(refusal)")
        return (try? JSONDecoder().decode([MetricsParserTests.Sample].self, from: result.out)) ?? []
    }

    static func run(_ tool: String, _ arguments: [String],
                    input: Data? = nil) throws -> (status: Int32, out: Data, err: Data) {
        let process = Child()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        // Both outputs are small here (a parse result, pip's -q errors): read one after the other.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }
}
