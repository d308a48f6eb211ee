#if Postgres
import Digest
import Foundation
import Postgres
import Storage

/// What `cpor check` reads from a PostgreSQL store. PostgreSQL keeps its own foreign keys, so the
/// references checked here are the ones no constraint holds: a document's chunks, and the content
/// each PoE row names. Content is hashed a chunk at a time, never whole in memory.
public struct PostgresStoreInspection: StoreInspection {
    let database: PostgresDatabase

    /// Opens the store as it is: never migrated (see `PostgresDatabase.init`).
    public init(conninfo: String) throws {
        database = try PostgresDatabase(conninfo: conninfo, connections: 1, migrating: false)
    }

    init(database: PostgresDatabase) { self.database = database }

    public func close() { database.close() }

    /// PostgreSQL has no check of its own pages to ask for without extensions.
    public func integrityProblems() throws -> [String]? { nil }

    public func missingParents() throws -> [Inspected.MissingParent] {
        try database.read { connection in
            // A document's row names its number of chunks: each of 0 ..< chunks must be there.
            let gaps = try connection.query("""
                SELECT d.sha256, g.chunk FROM documents d CROSS JOIN LATERAL generate_series(0, d.chunks - 1) AS g(chunk)
                WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.sha256 = d.sha256 AND c.chunk = g.chunk)
                ORDER BY d.sha256, g.chunk
                """).map { row in
                Inspected.MissingParent(table: "documents", row: String(try row.string("sha256").prefix(12)),
                                        parent: "document_chunks \(try row.int("chunk"))")
            }
            // Chunks of no document, or past its last.
            let strays = try connection.query("""
                SELECT c.sha256, c.chunk FROM document_chunks c LEFT JOIN documents d ON d.sha256 = c.sha256
                WHERE d.sha256 IS NULL OR c.chunk < 0 OR c.chunk >= d.chunks
                ORDER BY c.sha256, c.chunk
                """).map { row in
                Inspected.MissingParent(table: "document_chunks", row: "\(try row.string("sha256").prefix(12)) \(try row.int("chunk"))",
                                        parent: "documents")
            }
            let unstored = try connection.query("""
                SELECT p.id, p.sha256 FROM poe_documents p
                WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = p.sha256) ORDER BY p.claim_number, p.position
                """).map { row in
                Inspected.MissingParent(table: "poe_documents", row: try row.string("id"),
                                        parent: "documents \(try row.string("sha256").prefix(12))")
            }
            return gaps + strays + unstored
        }
    }

    public func schemaVersion() throws -> Inspected.SchemaVersion {
        try database.read { connection in
            let hasTable = try connection.queryOne("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")?.bool("present") ?? false
            let applied = hasTable ? try connection.query("SELECT id FROM schema_migrations ORDER BY id").map { try $0.int("id") } : []
            return Inspected.SchemaVersion(applied: applied, known: Schema.postgres.map(\.id))
        }
    }

    public func documents() throws -> [Inspected.Document] {
        try database.read { connection in
            try connection.query("SELECT claim_number, id, sha256, size FROM poe_documents ORDER BY claim_number, position").map {
                Inspected.Document(claimNumber: try $0.int64("claim_number"), id: try $0.string("id"),
                                   sha256: try $0.string("sha256"), size: try $0.int64("size"))
            }
        }
    }

    public func verifyContent(sha256: String, size: Int64, bytes: inout Int64) -> Inspected.ContentFault? {
        guard PostgresDocumentStore.isDigest(sha256) else { return .notADigest }
        do {
            return try database.read { connection -> Inspected.ContentFault? in
                guard let row = try connection.queryOne("SELECT chunks FROM documents WHERE sha256 = $1", [sha256]) else {
                    return .missing(path: nil)
                }
                var digest = SHA256()
                var found: Int64 = 0
                defer { bytes += found }
                for chunk in 0..<(try row.int("chunks")) {
                    guard let piece = try connection.queryOne("SELECT bytes FROM document_chunks WHERE sha256 = $1 AND chunk = $2",
                                                              [sha256, chunk])?.bytes("bytes") else {
                        return .missingChunk(chunk)
                    }
                    digest.update(piece)
                    found += Int64(piece.count)
                }
                guard found == size else { return .size(actual: found) }
                let actual = digest.finalizeHex()
                return actual == sha256 ? nil : .changed(actual: actual)
            }
        } catch {
            return .unreadable(path: "\(error)")
        }
    }

    public func unreferencedContent(_ referenced: Set<String>) throws -> [Inspected.Orphan] {
        try database.read { connection in
            try connection.query("SELECT sha256 FROM documents ORDER BY sha256").map { try $0.string("sha256") }
                .filter { !referenced.contains($0) }
                .map { .content(sha256: $0) }
        }
    }

    public func overdueOutbox(before: Date) throws -> [Inspected.OutboxMessage] {
        try outbox("status = 'pending' AND next_attempt_at < $1", [before.millisecondsSince1970])
    }

    public func failedOutbox() throws -> [Inspected.OutboxMessage] {
        try outbox("status = 'failed'", [])
    }

    /// `condition` is one of the two literals above.
    private func outbox(_ condition: StaticString, _ parameters: [(any PostgresBindable)?]) throws -> [Inspected.OutboxMessage] {
        try database.read { connection in
            try connection.query("SELECT id, kind, attempts, next_attempt_at, last_error FROM outbox WHERE \(condition) ORDER BY id",
                                 parameters).map {
                Inspected.OutboxMessage(id: try $0.int64("id"), kind: try $0.string("kind"), attempts: try $0.int("attempts"),
                                        nextAttemptAt: Date(millisecondsSince1970: try $0.int64("next_attempt_at")),
                                        lastError: try $0.optionalString("last_error"))
            }
        }
    }
}
#endif
