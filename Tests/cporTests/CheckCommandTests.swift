import App
import Foundation
import Seeding
import SQLite
import Testing
@testable import cpor

/// `cpor check` passes a healthy store and fails, naming the right check, on each fault it is
/// meant to find.
@Suite struct CheckCommandTests {
    /// The checks that found a problem.
    func failing(_ folder: DataFolder) -> [StoreCheck.Subject] {
        StoreCheck(configuration: folder.configuration).run(now: Date()).filter { !$0.problems.isEmpty }.map(\.subject)
    }

    func exitStatus(_ folder: DataFolder) -> Int32 {
        CPORCommand.run(["cpor", "check", "--db", folder.databasePath], environment: [:])
    }

    /// Runs `sql` on the database as a careless tool would: foreign keys off.
    func tamper(_ folder: DataFolder, _ sql: String) throws {
        let connection = try Connection(path: folder.databasePath)
        defer { connection.close() }
        try connection.execute("PRAGMA foreign_keys = OFF")
        try connection.execute(sql)
    }

    @Test func aHealthyDemoStorePasses() throws {
        let folder = try DataFolder.demo()
        #expect(failing(folder) == [])
        #expect(exitStatus(folder) == 0)
    }

    @Test func aMissingDatabaseFailsAndIsNotCreated() throws {
        let folder = try DataFolder()
        #expect(failing(folder) == [.database])
        #expect(exitStatus(folder) == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.databasePath))
    }

    @Test func aDamagedIndexFailsTheIntegrityCheck() throws {
        let folder = try DataFolder.demo()
        let connection = try Connection(path: folder.databasePath)
        let root = try connection.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'history_claim'")
        let pageSize = try connection.scalar("PRAGMA page_size")
        connection.close()
        guard case .integer(let page) = root, case .integer(let size) = pageSize else {
            Issue.record("no index page")
            return
        }
        // The index's keys sit at the end of its page: change them and the index no longer
        // matches the table.
        let handle = try #require(FileHandle(forUpdatingAtPath: folder.databasePath))
        try handle.seek(toOffset: UInt64((page - 1) * size + size - 64))
        try handle.write(contentsOf: Data(repeating: 0x7F, count: 60))
        try handle.close()
        #expect(failing(folder).contains(.integrity))
        #expect(exitStatus(folder) == 1)
    }

    @Test func aCommentWithoutItsClaimFailsTheForeignKeyCheck() throws {
        let folder = try DataFolder.demo()
        try tamper(folder, "INSERT INTO comments (claim_number, position, author, at, text) VALUES (999999, 1, 'x', 0, 'orphan')")
        #expect(failing(folder) == [.foreignKeys])
        #expect(exitStatus(folder) == 1)
    }

    @Test func aMigrationFromANewerBuildFailsTheSchemaCheck() throws {
        let folder = try DataFolder.demo()
        try tamper(folder, "INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'from the future', '2030-01-01')")
        #expect(failing(folder) == [.schema])
        #expect(exitStatus(folder) == 1)
    }

    @Test func aMissingDocumentFileFails() throws {
        let folder = try DataFolder.demo()
        try FileManager.default.removeItem(atPath: folder.demoDocumentPath)
        #expect(failing(folder) == [.documents])
        #expect(exitStatus(folder) == 1)
    }

    @Test func aDocumentWhoseBytesChangedFails() throws {
        let folder = try DataFolder.demo()
        var bytes = DemoDocument.bytes
        bytes[100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: folder.demoDocumentPath))
        #expect(failing(folder) == [.documents])
        #expect(exitStatus(folder) == 1)
    }

    @Test func aFileWithNoDocumentRowIsReportedAsAnOrphanAndKept() throws {
        let folder = try DataFolder.demo()
        let orphan = folder.configuration.documentsDirectory + "/ab/" + String(repeating: "c", count: 62)
        try FileManager.default.createDirectory(atPath: folder.configuration.documentsDirectory + "/ab", withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: URL(fileURLWithPath: orphan))
        #expect(failing(folder) == [.orphans])
        #expect(exitStatus(folder) == 1)
        #expect(FileManager.default.fileExists(atPath: orphan))
        // The crash test reads this line.
        #expect(CommandRun("check", "--db", folder.databasePath).output
            .contains("\nFAIL orphan files: 1 file in the documents folder with no row\n       - \(orphan) has no document row\n"))
    }

    @Test func theReportIsInItsReadersLanguage() throws {
        let folder = try DataFolder.demo()
        let healthy = CommandRun("check", "--db", folder.databasePath)
        #expect(healthy.output.hasPrefix("cpor check \(folder.databasePath)\nok   integrity_check: ok\nok   foreign keys: every reference has its row\n"))
        #expect(healthy.output.hasSuffix("\nhealthy\n"))
        try FileManager.default.removeItem(atPath: folder.demoDocumentPath)
        let spanish = CommandRun("check", "--db", folder.databasePath, environment: ["CPOR_LOCALE": "es"])
        #expect(spanish.status == 1)
        #expect(spanish.output.contains("\nok    integrity_check: correcta\nok    claves foráneas: cada referencia tiene su fila\n"))
        #expect(spanish.output.contains("\nERROR documentos: filas: "))
        #expect(spanish.output.contains("): falta el archivo (\(folder.demoDocumentPath))\n"))
        #expect(spanish.output.contains(try Regex(#"\nse han? encontrado [0-9]+ problemas?\n$"#)))
    }

    @Test func anEmailDueLongAgoAndNeverSentIsStuck() throws {
        let folder = try DataFolder.demo()
        try tamper(folder, "INSERT INTO outbox (kind, recipient, email, created_at, next_attempt_at) VALUES ('approval', 'a@b.example', '{}', 0, 0)")
        #expect(failing(folder) == [.outbox])
        #expect(exitStatus(folder) == 1)
    }
}
