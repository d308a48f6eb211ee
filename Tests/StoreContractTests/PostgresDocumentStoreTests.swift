#if Postgres
import Digest
import Foundation
import Postgres
import PostgresStorage
import Storage
import Testing
import TestSupport

/// PoE bytes kept in PostgreSQL: what one node stores, another serves, byte for byte.
@Suite struct PostgresDocumentStoreTests {
    static func database() throws -> (PostgresDatabase, String) {
        guard let conninfo = ProcessInfo.processInfo.environment["CPOR_TEST_POSTGRES"], !conninfo.isEmpty else {
            throw MissingCluster()
        }
        let schema = "documents_\(UInt64.random(in: 0...UInt64.max))"
        return (try PostgresDatabase(conninfo: conninfo, schema: schema, connections: 2), schema)
    }

    /// Writes `bytes` into the store's spool, as an upload would arrive, and stores it.
    static func store(_ bytes: [UInt8], in store: PostgresDocumentStore) throws -> String {
        let sha256 = SHA256.hex(SHA256.hash(bytes))
        let temporary = store.incomingDirectory + "/upload-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data(bytes)))
        try store.store(temporaryPath: temporary, sha256: sha256)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        return sha256
    }

    @Test func aDocumentStoredOnOneNodeIsServedByAnotherByteForByte() throws {
        let (database, schema) = try Self.database()
        defer { _ = try? database.read { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }; database.close() }
        let nodeA = try TemporaryDirectory(prefix: "node-a"), nodeB = try TemporaryDirectory(prefix: "node-b")
        let a = try PostgresDocumentStore(database: database, localFolder: nodeA.path)
        let b = try PostgresDocumentStore(database: database, localFolder: nodeB.path)
        // Larger than two chunks, with a partial last one.
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<(2 * (1 << 20) + 12_345)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let sha256 = try Self.store(bytes, in: a)
        let chunks = try database.read { try $0.queryOne("SELECT chunks, size FROM documents WHERE sha256 = $1", [sha256]) }
        #expect(try chunks?.int("chunks") == 3)
        #expect(try chunks?.int("size") == bytes.count)
        let served = try #require(try b.file(sha256: sha256))
        #expect(served.hasPrefix(nodeB.path))
        #expect(FileManager.default.contents(atPath: served) == Data(bytes))
        // The cached copy is what later requests get.
        #expect(try b.file(sha256: sha256) == served)
    }

    @Test func theSameBytesTwiceAreKeptOnceAndUnknownDigestsFindNothing() throws {
        let (database, schema) = try Self.database()
        defer { _ = try? database.read { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }; database.close() }
        let folder = try TemporaryDirectory(prefix: "node")
        let store = try PostgresDocumentStore(database: database, localFolder: folder.path)
        let first = try Self.store(Array("%PDF-1.7 the same".utf8), in: store)
        let second = try Self.store(Array("%PDF-1.7 the same".utf8), in: store)
        #expect(first == second)
        #expect(try database.read { try $0.queryOne("SELECT count(*) AS n FROM documents")?.int("n") } == 1)
        #expect(try store.file(sha256: String(repeating: "a", count: 64)) == nil)
        #expect(try store.file(sha256: "../../etc/passwd") == nil)
    }

    @Test func bytesThatDoNotMatchTheirDigestAreRefusedAndNothingIsKept() throws {
        let (database, schema) = try Self.database()
        defer { _ = try? database.read { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }; database.close() }
        let folder = try TemporaryDirectory(prefix: "node")
        let store = try PostgresDocumentStore(database: database, localFolder: folder.path)
        let temporary = store.incomingDirectory + "/upload"
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data("tampered".utf8)))
        let claimed = SHA256.hex(SHA256.hash(Array("original".utf8)))
        #expect(throws: DocumentStoreError.digestMismatch(claimed)) { try store.store(temporaryPath: temporary, sha256: claimed) }
        #expect(try database.read { try $0.queryOne("SELECT count(*) AS n FROM document_chunks")?.int("n") } == 0)
        #expect(try store.file(sha256: claimed) == nil)
    }
}
#endif
