// swift-tools-version:6.0
import PackageDescription

// Arrows point one way: HTTP, SQLite, Templating and Claims know nothing of each other;
// Storage persists the Claims domain in SQLite; App wires everything; `cpor` only reads
// configuration and starts App.
let package = Package(
    name: "cpor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cpor", targets: ["cpor"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "HTTP", dependencies: ["Digest"]),
        .target(name: "Templating"),
        .target(name: "Claims", dependencies: ["Digest"]),
        .target(name: "Digest"),
        .target(name: "Mail"),
        .target(name: "Documents"),
        .target(name: "Storage", dependencies: ["Claims", "SQLite", "Digest"]),
        .target(name: "App", dependencies: ["HTTP", "Documents", "SQLite", "Templating", "Claims", "Storage", "Digest", "Mail", "CCrypt"]),
        .executableTarget(name: "cpor", dependencies: ["App"]),

        // Helpers several test targets share; a plain target, so it is never run as tests itself.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Digest", "TestSupport"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Claims", "SQLite", "TestSupport"]),
        .testTarget(name: "AppTests", dependencies: ["App", "HTTP", "Storage", "Claims", "SQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
