import App
import Claims
import Digest
import Foundation
import Storage
import Testing
import TestSupport
@testable import cpor

/// `cpor backup` while claims with PoE are being written, then `cpor restore` into an empty
/// folder: the copy is one consistent moment of the store, and whole.
@Suite struct BackupCommandTests {
    /// Files claims with one new PoE document each, on a thread of its own, until stopped.
    final class WriteLoad: @unchecked Sendable {
        private let condition = NSCondition()
        private var stopping = false
        private var finished = false
        private(set) var written = 0
        private(set) var failure: (any Error)?

        func start(_ application: Application, actor: Actor) {
            Thread { [self] in
                var generator = SystemRandomNumberGenerator()
                var number = 0
                while !condition.withLock({ stopping }) {
                    do {
                        try Self.fileClaim(number, application: application, actor: actor, using: &generator)
                        number += 1
                        condition.withLock {
                            written = number
                            condition.broadcast()
                        }
                    } catch {
                        condition.withLock { failure = error }
                        break
                    }
                }
                condition.withLock {
                    finished = true
                    condition.broadcast()
                }
            }.start()
        }

        func wait(forWrites count: Int) {
            condition.withLock { while written < count && failure == nil && !finished { condition.wait() } }
        }

        func stop() -> Int {
            condition.withLock {
                stopping = true
                while !finished { condition.wait() }
                return written
            }
        }

        static func fileClaim(_ number: Int, application: Application, actor: Actor,
                              using generator: inout SystemRandomNumberGenerator) throws {
            let bytes = Array("%PDF-1.4\n% load \(number)\n".utf8) + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let digest = SHA256.hex(SHA256.hash(bytes))
            try application.storeDocument(bytes, sha256: digest)
            let form = ClaimForm(name: "Load claim \(number)", partnerLocationID: "4100001", tenantID: UUID().uuidString.lowercased(),
                                 customerDomain: "load.example", customerName: "Load Traders",
                                 solutionArea: SolutionArea.microsoft365.rawValue, products: [Product.teams.rawValue],
                                 activity: Activity.usageDeployment.rawValue, customerContactName: "Dana Moss",
                                 customerContactTitle: "IT director", customerContactEmail: "dana@load.example",
                                 partnerContactName: "Sam Lee", partnerContactEmail: "sam@partner.example")
            let now = Date()
            let id = try application.claims.create { id in try Claim.draft(id: id, form: form, by: actor, at: now) }.claim.id
            let upload = ProofOfExecution.Upload(id: DocumentID(UUID().uuidString.lowercased()), filename: "load-\(number).pdf",
                                                 contentType: "application/pdf", size: bytes.count, sha256: digest)
            try application.claims.update(id, expectedVersion: nil) { claim, others in
                try claim.applying(.addProofOfExecution(upload), by: actor, at: now, rules: application.rules, claimsOnSameTenant: others)
            }
        }
    }

    @Test func aBackupTakenDuringWritesRestoresWholeAndConsistent() throws {
        let source = try DataFolder.demo()
        let backup = try TemporaryDirectory(prefix: "cpor-backup")
        let target = try DataFolder(prefix: "cpor-restored")
        let database = try Database(path: source.databasePath)
        defer { database.close() }
        let application = try Application(configuration: source.configuration, database: database, log: { _ in })
        let actor = try #require(try application.accounts.credentials(email: "incentives@contoso.example")).user.actor
        let claimsBefore = try #require(try DatabaseFile(path: source.databasePath).rowCounts()["claims"])

        let load = WriteLoad()
        load.start(application, actor: actor)
        load.wait(forWrites: 5)
        let status = CPORCommand.run(["cpor", "backup", backup.path + "/copy", "--db", source.databasePath], environment: [:])
        load.wait(forWrites: load.written + 5)
        let written = load.stop()
        #expect(load.failure == nil)
        #expect(status == 0)

        #expect(CPORCommand.run(["cpor", "restore", backup.path + "/copy", "--db", target.databasePath], environment: [:]) == 0)
        // Integrity, foreign keys, every document's bytes against its SHA-256, no file without a row.
        let findings = StoreCheck(configuration: target.configuration).run(now: Date())
        #expect(findings.filter { !$0.problems.isEmpty }.map(\.subject) == [])
        let restored = try DatabaseFile(path: target.databasePath)
        defer { restored.close() }
        let counts = try restored.rowCounts()
        let claims = try #require(counts["claims"])
        #expect(claims >= claimsBefore + 5 && claims <= claimsBefore + written + 1)
        #expect(counts == (try DatabaseFile(path: backup.path + "/copy/cpor.sqlite").rowCounts()))
        #expect(try restored.documents().count >= 5)
    }

    @Test func restoreRefusesAFolderWhoseFilesNoLongerMatchTheManifest() throws {
        let source = try DataFolder.demo()
        let backup = try TemporaryDirectory(prefix: "cpor-backup")
        #expect(CPORCommand.run(["cpor", "backup", backup.path + "/copy", "--db", source.databasePath], environment: [:]) == 0)
        let document = backup.path + "/copy/documents/" + source.demoDocumentPath.split(separator: "/").suffix(2).joined(separator: "/")
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: document))
        let target = try DataFolder(prefix: "cpor-restored")
        #expect(CPORCommand.run(["cpor", "restore", backup.path + "/copy", "--db", target.databasePath], environment: [:]) == 1)
        #expect(!FileManager.default.fileExists(atPath: target.databasePath))
    }

    @Test func restoreRefusesToOverwriteAStore() throws {
        let source = try DataFolder.demo()
        let backup = try TemporaryDirectory(prefix: "cpor-backup")
        #expect(CPORCommand.run(["cpor", "backup", backup.path + "/copy", "--db", source.databasePath], environment: [:]) == 0)
        #expect(CPORCommand.run(["cpor", "restore", backup.path + "/copy", "--db", source.databasePath], environment: [:]) == 1)
    }
}
