// swift-tools-version:6.1
import PackageDescription

// Arrows point one way. HTTP, SQLite, Templating, Mail, Documents and Claims know nothing of each
// other; Digest (SHA-256) and Secrets (password hashes, random tokens) are leaves they may use.
// Storage persists the Claims domain behind store protocols, in SQLite; Seeding fills a store with demo and sample data
// through Claims and Storage. App wires HTTP, Templating, Mail, Documents, Claims and Storage into
// the web service. `cpor` parses the command line and runs its commands on App and Seeding.
// Postgres (libpq) is a leaf like SQLite; PostgresStorage implements Storage's protocols on it, so
// several nodes can share one database. Both are built only with the `Postgres` trait
// (`swift build --traits Postgres`), so a default build needs no libpq.
let package = Package(
    name: "cpor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cpor", targets: ["cpor"]),
    ],
    traits: [
        .trait(name: "Postgres", description: "PostgreSQL support through libpq (needs libpq-dev)"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "Digest"),
        .target(name: "Secrets", dependencies: ["CCrypt"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // Without the trait only its libpq-free values (rows, errors, SQLSTATEs) compile, and their tests run.
        .target(name: "Postgres", dependencies: [.target(name: "CLibPQ", condition: .when(traits: ["Postgres"]))]),
        .target(name: "HTTP", dependencies: ["Digest"]),
        .target(name: "Templating"),
        .target(name: "Mail"),
        .target(name: "Documents"),
        .target(name: "Claims", dependencies: ["Digest"]),
        .target(name: "Storage", dependencies: ["Claims", "SQLite", "Digest"]),
        // Every file is `#if Postgres`: without the trait the module is empty.
        .target(name: "PostgresStorage", dependencies: ["Storage", "Claims", "Postgres", "SQLite", "Digest"]),
        .target(name: "Seeding", dependencies: ["Claims", "Storage", "Secrets"]),
        .target(name: "App", dependencies: ["HTTP", "Templating", "Mail", "Documents", "Claims", "Storage", "Digest", "Secrets"]),
        .executableTarget(name: "cpor", dependencies: ["App", "Seeding", "Claims", "Storage", "Documents", "HTTP", "Mail", "Secrets", "CMalloc",
                                                     .target(name: "PostgresStorage", condition: .when(traits: ["Postgres"]))]),

        // Helpers several test targets share; a plain target, so it is never run as tests itself.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"]),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Digest", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Claims", "SQLite", "Digest", "TestSupport", "Seeding"]),
        // Every store's contract, run on SQLite here and on both backends by Tests/Postgres.
        .testTarget(name: "StoreContractTests", dependencies: ["Storage", "Claims", "Digest", "TestSupport", "Seeding",
                                                               .target(name: "PostgresStorage", condition: .when(traits: ["Postgres"]))]),
        .testTarget(name: "AppTests", dependencies: ["App", "Seeding", "HTTP", "Storage", "Claims", "SQLite", "Digest", "Mail"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "cporTests", dependencies: ["cpor", "App", "Claims", "Storage", "SQLite", "Seeding", "Digest", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
