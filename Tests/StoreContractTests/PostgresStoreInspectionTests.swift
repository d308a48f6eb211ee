#if Postgres
import Claims
import Digest
import Foundation
import Postgres
import PostgresStorage
import Seeding
import Storage
import Testing
import TestSupport

/// What `cpor check` reads from a PostgreSQL store: nothing wrong in a freshly seeded one, and each
/// fault the check is meant to find, found.
@Suite struct PostgresStoreInspectionTests {
    static let now = Date(timeIntervalSince1970: 1_772_442_000)

    /// A store as `cpor seed` leaves it: sample claims, and the demo PoE they all name, stored.
    final class SeededStore {
        let database: PostgresDatabase
        let inspection: PostgresStoreInspection
        let schema: String
        let folder: TemporaryDirectory

        init() throws {
            guard let conninfo = ProcessInfo.processInfo.environment["CPOR_TEST_POSTGRES"], !conninfo.isEmpty else {
                throw MissingCluster()
            }
            schema = "inspection_\(UInt64.random(in: 0...UInt64.max))"
            database = try PostgresDatabase(conninfo: conninfo, schema: schema, connections: 2)
            folder = try TemporaryDirectory(prefix: "inspection")
            _ = try SampleSeed(claims: 60, organizations: 2, due: 2, now: PostgresStoreInspectionTests.now, rules: ClaimWorld.rules)
                .run(accounts: PostgresAccountStore(database: database), loader: PostgresBulkLoader(database: database))
            let documents = try PostgresDocumentStore(database: database, localFolder: folder.path)
            try Self.store(DemoDocument.bytes, in: documents)
            // The inspection opens the store as `cpor check` does: a connection string naming the schema.
            inspection = try PostgresStoreInspection(conninfo: Self.conninfo(conninfo, schema: schema))
        }

        static func store(_ bytes: [UInt8], in documents: PostgresDocumentStore) throws {
            let temporary = documents.incomingDirectory + "/seed-\(UUID().uuidString)"
            #expect(FileManager.default.createFile(atPath: temporary, contents: Data(bytes)))
            try documents.store(temporaryPath: temporary, sha256: SHA256.hex(SHA256.hash(bytes)))
        }

        /// `conninfo` with `schema` first in the search path, as the scripts pass it.
        static func conninfo(_ conninfo: String, schema: String) -> String {
            conninfo + (conninfo.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema),public"
        }

        func tamper(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws {
            try database.read { _ = try $0.execute(sql, parameters) }
        }

        /// What is wrong with each stored content the PoE rows name, by digest.
        func contentFaults() throws -> [String: Inspected.ContentFault] {
            var faults: [String: Inspected.ContentFault] = [:]
            var bytes: Int64 = 0
            for document in try inspection.documents() where faults[document.sha256] == nil {
                if let fault = inspection.verifyContent(sha256: document.sha256, size: document.size, bytes: &bytes) {
                    faults[document.sha256] = fault
                }
            }
            return faults
        }

        deinit {
            inspection.close()
            _ = try? database.read { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }
            database.close()
        }
    }

    @Test func aSeededStoreHasNothingWrong() throws {
        let store = try SeededStore()
        #expect(try store.inspection.integrityProblems() == nil, "PostgreSQL has no integrity_check to ask")
        #expect(try store.inspection.missingParents() == [])
        let version = try store.inspection.schemaVersion()
        #expect(version.isCurrent && version.applied == Schema.postgres.map(\.id))
        let documents = try store.inspection.documents()
        #expect(!documents.isEmpty && documents.allSatisfy { $0.sha256 == DemoDocument.sha256 })
        var bytes: Int64 = 0
        #expect(store.inspection.verifyContent(sha256: DemoDocument.sha256, size: Int64(DemoDocument.bytes.count), bytes: &bytes) == nil)
        #expect(bytes == Int64(DemoDocument.bytes.count))
        #expect(try store.inspection.unreferencedContent(Set(documents.map(\.sha256))) == [])
        #expect(try store.inspection.overdueOutbox(before: Date()) == [])
        #expect(try store.inspection.failedOutbox() == [])
    }

    @Test func aChangedByteInAChunkIsFoundByItsHash() throws {
        let store = try SeededStore()
        try store.tamper("UPDATE document_chunks SET bytes = overlay(bytes PLACING '\\x00'::bytea FROM 100 FOR 1) WHERE sha256 = $1",
                         [DemoDocument.sha256])
        guard case .changed(let actual)? = try store.contentFaults()[DemoDocument.sha256] else {
            Issue.record("not found: \(try store.contentFaults())")
            return
        }
        #expect(actual != DemoDocument.sha256)
        #expect(try store.inspection.missingParents() == [], "every row is still there")
    }

    @Test func aDeletedChunkIsAMissingRowAndMissingContent() throws {
        let store = try SeededStore()
        try store.tamper("DELETE FROM document_chunks WHERE sha256 = $1 AND chunk = 0", [DemoDocument.sha256])
        #expect(try store.inspection.missingParents()
            == [Inspected.MissingParent(table: "documents", row: String(DemoDocument.sha256.prefix(12)), parent: "document_chunks 0")])
        #expect(try store.contentFaults() == [DemoDocument.sha256: .missingChunk(0)])
    }

    @Test func aChunkPastTheDocumentsLastAndAPoERowWithoutContentAreMissingParents() throws {
        let store = try SeededStore()
        try store.tamper("INSERT INTO document_chunks (sha256, chunk, bytes) VALUES ($1, 7, '\\x00'::bytea)", [DemoDocument.sha256])
        let other = String(repeating: "ab", count: 32)
        try store.tamper("UPDATE poe_documents SET sha256 = $1 WHERE id = (SELECT min(id) FROM poe_documents)", [other])
        let missing = try store.inspection.missingParents()
        #expect(missing.contains(Inspected.MissingParent(table: "document_chunks", row: "\(DemoDocument.sha256.prefix(12)) 7",
                                                         parent: "documents")), "\(missing)")
        #expect(missing.contains { $0.table == "poe_documents" && $0.parent == "documents \(other.prefix(12))" }, "\(missing)")
        #expect(try store.contentFaults()[other] == .missing(path: nil))
    }

    @Test func contentNoPoERowNamesIsAnOrphan() throws {
        let store = try SeededStore()
        let bytes = Array("stored, then its claim's row was lost\n".utf8)
        try SeededStore.store(bytes, in: try PostgresDocumentStore(database: store.database, localFolder: store.folder.path))
        let referenced = Set(try store.inspection.documents().map(\.sha256))
        #expect(try store.inspection.unreferencedContent(referenced) == [.content(sha256: SHA256.hex(SHA256.hash(bytes)))])
        #expect(try store.inspection.missingParents() == [])
    }

    @Test func aPendingEMailLongOverdueIsStuckAndAFailedOneListed() throws {
        let store = try SeededStore()
        let dayAgo = Date().addingTimeInterval(-86_400).millisecondsSince1970
        try store.tamper("""
            INSERT INTO outbox (kind, recipient, email, created_at, status, attempts, next_attempt_at, last_error)
            VALUES ('consent_request', 'carla@customer.example', '{}', $1, 'pending', 2, $1, 'connection refused'),
                   ('claim_rejected', 'ana@partner.example', '{}', $1, 'failed', 8, $1, NULL)
            """, [dayAgo])
        let stuck = try store.inspection.overdueOutbox(before: Date().addingTimeInterval(-3600))
        #expect(stuck.map(\.kind) == ["consent_request"] && stuck.first?.lastError == "connection refused" && stuck.first?.attempts == 2)
        #expect(try store.inspection.overdueOutbox(before: Date().addingTimeInterval(-2 * 86_400)) == [], "not overdue that long")
        #expect(try store.inspection.failedOutbox().map(\.kind) == ["claim_rejected"])
    }

    @Test func aStoreBehindThisBuildsSchemaIsFoundAndLeftAsItIs() throws {
        let store = try SeededStore()
        let latest = try #require(Schema.postgres.last?.id)
        try store.tamper("DELETE FROM schema_migrations WHERE id = $1", [latest])
        let version = try store.inspection.schemaVersion()
        #expect(!version.isCurrent && !version.applied.contains(latest) && version.known.contains(latest))
        // Inspecting never migrates: the migration is still missing afterwards.
        #expect(try store.inspection.schemaVersion() == version)
    }
}
#endif
