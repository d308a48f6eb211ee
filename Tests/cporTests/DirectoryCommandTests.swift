import App
import Claims
import Foundation
import Storage
import Testing
import TestSupport
@testable import cpor

/// `cpor directory` as an operator runs it: an import replaces the directory whole, a malformed
/// file changes nothing, and a large file goes in in one piece.
@Suite struct DirectoryCommandTests {
    static let header = "tenant_id,domains,subscription_id,product,status\n"
    static let contoso = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

    let folder: TemporaryDirectory
    var databasePath: String { folder.path + "/cpor.sqlite" }

    init() throws {
        folder = try TemporaryDirectory(prefix: "cpor-directory")
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: String...) -> Int32 {
        CPORCommand.run(["cpor", "directory"] + arguments + ["--db", databasePath, "--templates", DataFolder.packageRoot + "/Templates"],
                        environment: [:])
    }

    func figures() throws -> DirectoryFigures {
        let database = try Database(path: databasePath)
        defer { database.close() }
        return try SQLiteTenantDirectoryStore(database: database).figures()
    }

    @Test func aMalformedFileLeavesThePreviousDirectory() throws {
        let good = try file("good.csv", Self.header + """
            \(Self.contoso),contoso.com,11111111-1111-4111-8111-111111111111,dynamics_365_sales,active
            7d9f3c1a-2b4e-4f60-8a71-0c5d6e7f8a9b,fabrikam.com,,,

            """)
        #expect(run("import", good) == 0)
        let before = try figures()
        #expect(before.counts.tenants == 2 && before.lastChange?.source == "good.csv")

        // Every line but one is fine; nothing of it is taken.
        for (name, text) in [
            ("bad-guid.csv", Self.header + "\(Self.contoso),contoso.com,,,\n3f2504e0-4f89-11d3-9a0c,x.com,,,\n"),
            ("missing-column.csv", "tenant_id,domains,product,status\n\(Self.contoso),contoso.com,,\n"),
            ("duplicate-tenant.csv", Self.header + "\(Self.contoso),contoso.com,,,\n\(Self.contoso),contoso.net,,,\n"),
            ("unknown-product.csv", Self.header + "\(Self.contoso),contoso.com,22222222-2222-4222-8222-222222222222,crm,active\n"),
            ("unknown-status.csv", Self.header + "\(Self.contoso),contoso.com,22222222-2222-4222-8222-222222222222,power_bi,suspended\n"),
            ("empty.csv", ""),
        ] {
            #expect(run("import", try file(name, text)) == 65, "\(name)")
            #expect(try figures() == before, "\(name) changed the directory")
        }
        #expect(run("import", folder.path + "/no-such-file.csv") == 66)
        #expect(try figures() == before)
    }

    @Test func aRefusedFileNeverOpensTheDatabase() throws {
        #expect(run("import", try file("empty.csv", "")) == 65)
        #expect(!FileManager.default.fileExists(atPath: databasePath))
    }

    @Test func showAndClear() throws {
        #expect(run("show") == 0)
        #expect(run("import", try file("t.csv", Self.header + "\(Self.contoso),contoso.com,,,\n")) == 0)
        #expect(run("show") == 0)
        #expect(run("clear") == 0)
        #expect(try figures().counts == .init())
        #expect(run("frobnicate") == 64)
        #expect(run("import") == 64)
    }

    /// Ten thousand tenants, a row per subscription (some with two), in one piece. The 100,000-tenant
    /// figure comes from `scripts/bench-directory`, in a release build.
    @Test func tenThousandTenantsAreTakenWhole() throws {
        var text = Self.header
        var generator = SystemRandomNumberGenerator()
        let statuses = ["active", "active", "active", "grace", "disabled"]
        func guid() -> String { UUID().uuidString.lowercased() }
        for index in 0..<10_000 {
            let tenant = guid(), domains = "customer\(index).example;customer\(index).onmicrosoft.com"
            for _ in 0..<(index % 4 == 0 ? 2 : 1) {
                text += "\(tenant),\(domains),\(guid()),dynamics_365_sales,\(statuses.randomElement(using: &generator)!)\n"
            }
        }
        let path = try file("tenants.csv", text)
        let started = ContinuousClock.now
        #expect(run("import", path) == 0)
        let elapsed = ContinuousClock.now - started
        let counts = try figures().counts
        #expect(counts.tenants == 10_000 && counts.domains == 20_000 && counts.subscriptionTotal == 12_500)
        // A generous bound for a debug build on a busy machine: it catches a quadratic step, not a slow disk.
        #expect(elapsed < .seconds(30), "\(elapsed)")

        // Replacing it with a smaller directory leaves nothing of the first.
        #expect(run("import", try file("small.csv", Self.header + "\(Self.contoso),contoso.com,,,\n")) == 0)
        #expect(try figures().counts.tenants == 1)
    }

    @Test func theReportSpeaksTheOperatorsLanguage() throws {
        let catalog = try MessageCatalog.load(directory: DataFolder.packageRoot + "/Templates/locales", defaultLocale: "en")
        let english = catalog.localizer(for: "en"), spanish = catalog.localizer(for: "es")
        let error = DirectoryFileError(problems: [DirectoryFileProblem(line: 3, .unknownStatus("enabled"))], truncated: true)
        #expect(DirectoryReport.refusal(error, file: "t.csv", localizer: english) == [
            "t.csv was not imported, and the directory is unchanged. Correct these lines and import it again:",
            "  Line 3: “enabled” is not a status; use active, grace or disabled.",
            "  … and more problems after these.",
        ])
        #expect(DirectoryReport.refusal(error, file: "t.csv", localizer: spanish)[1]
            == "  Línea 3: “enabled” no es un estado válido; utilice active, grace o disabled.")
        #expect(DirectoryReport.figures(DirectoryFigures(counts: .init(), lastChange: nil), localizer: english)
            == ["No tenant directory is loaded: claims are not checked against one."])
        #expect(DirectoryReport.seconds(.milliseconds(1250), spanish) == "1,25")
    }
}
