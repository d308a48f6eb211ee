import App
import Foundation
import Seeding
import Storage
import TestSupport

/// A data folder as `serve --demo` leaves it: the demo accounts and claims, their PoE file, and
/// the e-mails the claims queued.
final class DataFolder {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let directory: TemporaryDirectory
    var configuration = AppConfiguration()
    var databasePath: String { configuration.databasePath }

    init(prefix: String = "cpor-data") throws {
        directory = try TemporaryDirectory(prefix: prefix)
        configuration.databasePath = directory.path + "/cpor.sqlite"
        configuration.templatesDirectory = Self.packageRoot + "/Templates"
        configuration.publicDirectory = Self.packageRoot + "/Public"
    }

    /// Seeds the demo and closes the database again.
    static func demo() throws -> DataFolder {
        let folder = try DataFolder()
        try folder.withApplication { application in
            _ = try DemoData.seedIfEmpty(accounts: application.accounts, passwords: application.passwords, now: Date())
            try DemoClaims.seed(accounts: application.accounts, claims: application.claims, rules: application.rules, now: Date())
            try application.storeDocument(DemoDocument.bytes, sha256: DemoDocument.sha256)
            // What `serve` does next: deliver what the claims queued (as .eml files).
            application.deliveryWorker(linkBase: "http://127.0.0.1:8080", now: { Date() }).deliverDue()
        }
        return folder
    }

    func withApplication<T>(_ body: (Application) throws -> T) throws -> T {
        let database = try Database(path: databasePath)
        defer { database.close() }
        return try body(try Application(configuration: configuration, database: database, log: { _ in }))
    }

    var demoDocumentPath: String {
        configuration.documentsDirectory + "/" + DemoDocument.sha256.prefix(2) + "/" + DemoDocument.sha256.dropFirst(2)
    }
}
