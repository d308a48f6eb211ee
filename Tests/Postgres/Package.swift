// swift-tools-version:6.1
import PackageDescription

// The PostgreSQL store and its tests alone, for `scripts/test`: `swift test --traits Postgres` on the root
// package would build every module and every test target again with the trait (a trait changes every target's
// compiler flags, so nothing from the default build is reused); this builds the store's modules only, and
// Seeding (with Secrets), so `cpor seed`'s claims are compared on both stores. The
// folders are symbolic links to the root package's (SwiftPM refuses paths outside a package), and the targets
// repeat its declarations: keep them in step with ../../Package.swift.
let package = Package(
    name: "cpor-postgres",
    platforms: [.macOS(.v14)],
    traits: [
        .trait(name: "Postgres"),
        .default(enabledTraits: ["Postgres"]),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", path: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSQLite", path: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypt", path: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .target(name: "Digest", path: "Digest"),
        .target(name: "Secrets", dependencies: ["CCrypt"], path: "Secrets"),
        .target(name: "SQLite", dependencies: ["CSQLite"], path: "SQLite"),
        .target(name: "Postgres", dependencies: [.target(name: "CLibPQ", condition: .when(traits: ["Postgres"]))], path: "Postgres"),
        .target(name: "Claims", dependencies: ["Digest"], path: "Claims"),
        .target(name: "Storage", dependencies: ["Claims", "SQLite", "Digest"], path: "Storage"),
        .target(name: "PostgresStorage", dependencies: ["Storage", "Claims", "Postgres", "SQLite", "Digest"], path: "PostgresStorage"),
        .target(name: "Seeding", dependencies: ["Claims", "Storage", "Secrets"], path: "Seeding"),
        .target(name: "TestSupport", path: "TestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"], path: "PostgresTests"),
        .testTarget(name: "StoreContractTests", dependencies: ["Storage", "Claims", "Digest", "TestSupport", "Seeding", "PostgresStorage"],
                    path: "StoreContractTests"),
    ],
    swiftLanguageModes: [.v6]
)
