// swift-tools-version:6.1
import PackageDescription

// Dependencies are the ones DESIGN.md names, nothing more: Hummingbird (HTTP), GRDB (SQLite),
// swift-argument-parser (CLI), swift-log (logging), and the kept libraries for what is not the domain:
// swift-crypto (hashes, HMAC), jwt-kit (OpenID Connect tokens), swift-configuration (typed settings),
// swift-mustache (HTML), swift-metrics with swift-prometheus (/metrics) and Yams (the drift tests).
// Each is built from scratch on every CI run.
let package = Package(
    name: "kvalitet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kvalitet", targets: ["kvalitet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Already built for Hummingbird; named so the server can recognise NIO's body-size error.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already built for Hummingbird; its HTTP parts let the server send 100 Continue and see request heads.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(
            url: "https://github.com/apple/swift-configuration.git", from: "1.4.0",
            traits: [.defaults, "CommandLineArguments"]
        ),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Already built for Hummingbird; named so the webhook worker can be a service beside the server.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The system's libcurl (the C library), for the mail worker's SMTP: smtp:// with STARTTLS and smtps://.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "KvalitetDomain",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KvalitetStorage",
            dependencies: [
                "KvalitetDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The write queue reports its batches and waits through the metrics API (no backend here).
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The demo municipality `kvalitet demo` loads, through the same stores the API uses.
        .target(
            name: "KvalitetDemo",
            dependencies: ["KvalitetDomain", "KvalitetStorage"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The Kolada API v3 client and importer.
        .target(
            name: "KvalitetKolada",
            dependencies: [
                "KvalitetDomain",
                "KvalitetStorage",
            ],
            swiftSettings: [.swiftLanguageMode(.v6)],
            // The only code that uses URLSession (FoundationNetworking), which runs on the system
            // libcurl; with --static-swift-stdlib that library must be linked by name.
            linkerSettings: [.linkedLibrary("curl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "KvalitetServer",
            dependencies: [
                "KvalitetDomain",
                "KvalitetStorage",
                "KvalitetKolada",
                "CCurl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "kvalitet",
            dependencies: [
                "KvalitetServer",
                "KvalitetStorage",
                "KvalitetDomain",
                "KvalitetDemo",
                "KvalitetKolada",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Shared by the test targets (one test process): the lock every test spawns processes through.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KvalitetDomainTests",
            dependencies: ["KvalitetDomain"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KvalitetStorageTests",
            dependencies: [
                "KvalitetStorage", "KvalitetDomain", "KvalitetDemo", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KvalitetServerTests",
            dependencies: [
                "KvalitetServer", "KvalitetStorage", "KvalitetDomain", "KvalitetKolada", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "EndToEndTests",
            // Depends on the executable so that `swift test` builds the binary it starts; Hummingbird
            // serves the loopback Kolada fixture the import is tested against.
            dependencies: [
                "kvalitet", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
