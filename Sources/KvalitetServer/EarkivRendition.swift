import Foundation
import KvalitetDomain

#if canImport(Glibc)
    import Glibc
#endif

/// Why the e-arkiv export stopped; nothing was delivered.
public enum EarkivError: Error, CustomStringConvertible, Equatable {
    /// The PDF/A renderer is not installed or not executable at the configured path.
    case rendererMissing(String)
    /// The renderer ran and failed (its exit status and the end of what it wrote to stderr).
    case renderFailed(String)
    /// The package folder exists already, or cannot be written.
    case folder(String)
    /// Nothing of the year and families is to be delivered.
    case nothingToDeliver(String)

    public var description: String {
        switch self {
        case .rendererMissing(let path):
            "weasyprint was not found at \(path): install Debian's weasyprint (apt-get install weasyprint) "
                + "or give its path with --weasyprint (KVALITET_WEASYPRINT)"
        case .renderFailed(let detail): "weasyprint could not make the PDF/A rendition: \(detail)"
        case .folder(let detail): detail
        case .nothingToDeliver(let detail): detail
        }
    }
}

/// The human-readable rendition of a case: HTML made into PDF/A-3b by weasyprint
/// (`weasyprint --pdf-variant pdf/a-3b in.html out.pdf`), started with posix_spawn (Foundation's
/// `Process` is not safe to start from several threads on Linux).
struct EarkivRendition: Sendable {
    /// The weasyprint executable: a path, or a name looked up in PATH.
    let weasyprint: String

    /// The executable's full path, or `.rendererMissing`.
    func executable() throws -> String {
        if weasyprint.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: weasyprint) else {
                throw EarkivError.rendererMissing(weasyprint)
            }
            return weasyprint
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(weasyprint)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw EarkivError.rendererMissing(weasyprint)
    }

    /// Renders the HTML file `html` into the PDF/A file `pdf`; `log` receives weasyprint's stderr.
    func render(html: URL, pdf: URL, log: URL) throws {
        let arguments = [try executable(), "--pdf-variant", "pdf/a-3b", "--quiet", html.path, pdf.path]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp)
        guard spawned == 0 else { throw EarkivError.renderFailed("could not start it (errno \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw EarkivError.renderFailed(
                (exited ? "exit status \(code)" : "killed by signal \(status & 0x7f)") + ": "
                    + String(stderr.suffix(300)))
        }
    }

    /// The HTML of a case's rendition (Swedish): register data, content, versions and notes; every
    /// instant, also those the stored JSON keeps as numbers, as Stockholm wall-clock time.
    static func html(_ arende: EarkivArende) -> String {
        func e(_ text: String) -> String { EarkivXMLWriter.escape(text) }
        var rows = [
            ("Diarienummer", arende.id), ("Ärendetyp", arende.family.label), ("Rubrik", arende.title),
            ("Status", arende.status), ("Registrerat", arende.primaryDate.description),
            ("Avslutat", arende.closedOn.description), ("Enheter", arende.units.joined(separator: ", ")),
            ("Skapat", "\(SwedishTime.wallClock(arende.createdAt)) av \(arende.createdBy)"),
            ("Senast ändrat", "\(SwedishTime.wallClock(arende.updatedAt)) (version \(arende.version))"),
        ]
        if let voidedOn = arende.voidedOn { rows.append(("Makulerat", "\(voidedOn): \(arende.voidedReason ?? "")")) }
        var out = """
            <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>\(e(arende.id))</title>
            <style>body{font-family:sans-serif;font-size:10pt}th{text-align:left;vertical-align:top;padding-right:1em}
            pre{white-space:pre-wrap;font-size:8pt}</style></head><body>
            <h1>\(e(arende.id)): \(e(arende.title))</h1><p>Tider anges i svensk tid (Europe/Stockholm).</p><table>
            """
        for (label, value) in rows { out += "<tr><th>\(e(label))</th><td>\(e(value))</td></tr>" }
        out += "</table><h2>Innehåll</h2><pre>\(e(pretty(arende.body)))</pre><h2>Versioner</h2>"
        for version in arende.versions {
            out += "<h3>Version \(version.version): \(e(version.action)), \(SwedishTime.wallClock(version.changedAt))"
                + " av \(e(version.changedBy))</h3><pre>\(e(pretty(version.snapshot)))</pre>"
        }
        if !arende.notes.isEmpty {
            out += "<h2>Anteckningar</h2>"
            for note in arende.notes {
                out += "<h3>\(note.number). \(e(note.kind)) \(note.documentedOn), \(e(note.authorName)), "
                    + "\(e(note.authorTitle))</h3><p>Källa: \(e(note.source))</p><pre>\(e(note.text))</pre>"
            }
        }
        return out + "</body></html>\n"
    }

    /// The stored JSON indented for reading (keys in stored order).
    static func pretty(_ json: String) -> String {
        guard let value = try? JSONParser.parse(Array(json.utf8)) else { return json }
        let text = lines(value, indent: "")
        return text.hasPrefix("\n") ? String(text.dropFirst()) : text
    }

    private static func lines(_ value: JSONValue, indent: String) -> String {
        switch value {
        case .null: return "–"
        case .bool(let flag): return flag ? "ja" : "nej"
        case .number(let text), .string(let text): return text
        case .array(let items):
            return items.isEmpty
                ? "–" : items.map { "\n" + indent + "- " + lines($0, indent: indent + "  ") }.joined()
        case .object(let object):
            return object.keys.map { key in
                let value = object[key] ?? .null
                let text = EarkivArendeXML.instant(key, value).map(SwedishTime.wallClock)
                return "\n" + indent + key + ": " + (text ?? lines(value, indent: indent + "  "))
            }.joined()
        }
    }
}
