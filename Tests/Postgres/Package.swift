// swift-tools-version:6.1
import PackageDescription

// The Postgres module and its tests alone, for `scripts/test`: `swift test --traits Postgres` on the
// root package would build every module and every test target again with the trait (a trait changes
// every target's compiler flags, so nothing from the default build is reused); this builds three.
// The folders are symbolic links to the root package's (SwiftPM refuses paths outside a package), and
// the targets repeat its declarations: keep them in step with ../../Package.swift.
let package = Package(
    name: "cpor-postgres",
    platforms: [.macOS(.v14)],
    traits: [
        .trait(name: "Postgres"),
        .default(enabledTraits: ["Postgres"]),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", path: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "Postgres", dependencies: [.target(name: "CLibPQ", condition: .when(traits: ["Postgres"]))], path: "Postgres"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"], path: "PostgresTests"),
    ],
    swiftLanguageModes: [.v6]
)
