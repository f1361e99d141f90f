import Foundation

/// What the Python peers in `Tests/Fixtures` (smtp-sink.py, redirect-receiver.py) have in common: each
/// writes its port to a file once it listens, and keeps what it receives as `*.json` files in a folder.
enum FixturePeer {
    /// The path of `Tests/Fixtures/<name>`.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + name).path
    }

    /// The port written to `file`, looked for every 50 ms at most `tries` times while `running` holds;
    /// 0 when none came.
    static func port(in file: String, tries: Int, while running: () -> Bool = { true }) -> Int {
        var port = 0
        for _ in 0..<tries where port == 0 && running() {
            port = Int((try? String(contentsOfFile: file, encoding: .utf8)) ?? "") ?? 0
            if port == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        return port
    }

    /// The contents of the `*.json` files in `folder`, in the order of their names (arrival order).
    static func jsonFiles(in folder: String) -> [Data] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
    }
}
