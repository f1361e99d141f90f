import Foundation
import TestSupport
import Testing

/// `kvalitet earkiv export` as an administrator runs it: the binary on a demo database.
@Suite("E-arkiv export from the command line")
struct EarkivCommandTests {
    /// Last year, Swedish time (the demo's records are numbered by year).
    static var lastYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
        return calendar.component(.year, from: Date()) - 1
    }

    @Test func anExportDeliversLastYearsClosedAvvikelserAndWithoutWeasyprintStopsWithAnInstallHint() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard path.split(separator: ":").contains(where: {
            FileManager.default.isExecutableFile(atPath: "\($0)/weasyprint")
        }) else {
            let hint = "weasyprint is missing: apt-get install -y weasyprint (Debian)"
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: hint)) }
            return
        }
        let kvalitet = try Kvalitet()
        let demo = try kvalitet.run(["demo", "--scale", "0.05", "--years", "1"])
        #expect(demo.status == 0, "\(demo.err)")
        let target = try TestFolders.make("earkiv-cli")
        let arguments = ["earkiv", "export", "--year", "\(Self.lastYear)", "--family", "avvikelse", "--to", target]

        let missing = try kvalitet.run(arguments + ["--weasyprint", "/nonexistent/weasyprint"])
        #expect(missing.status == 64)
        #expect(missing.err.contains("install Debian's weasyprint (apt-get install weasyprint)"), "\(missing.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)

        let export = try kvalitet.run(arguments)
        #expect(export.status == 0, "\(export.err)")
        let packages = try FileManager.default.contentsOfDirectory(atPath: target)
        #expect(packages.count == 1)
        let package = try #require(packages.first)
        #expect(export.out.hasPrefix("package \(package): "), "\(export.out)")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: "\(target)/\(package)/representations/rep1/data")
        #expect(!pdfs.isEmpty && pdfs.allSatisfy { $0.hasPrefix("AVV-\(Self.lastYear)-") && $0.hasSuffix(".pdf") })
        #expect(export.out.contains("\(pdfs.count) cases in"))
        #expect(try kvalitet.run(["check"]).status == 0)
    }
}
