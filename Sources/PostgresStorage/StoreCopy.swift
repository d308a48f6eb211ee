#if Postgres
import Digest
import Foundation
import Postgres
import SQLite
import Storage

/// Moves a SQLite store into an empty PostgreSQL one (`cpor migrate-store`): every table's rows,
/// then every PoE file, then the sequences, each table in its own transaction so memory stays the
/// size of one page of rows. Afterwards both sides' row counts are compared table by table, and
/// every document was hashed on its way in. The source is only read; run it with the service
/// stopped, so nothing changes under the copy.
public struct StoreCopy {
    /// One table as both schemas have it: its columns in SQLite's order, which of them PostgreSQL
    /// keeps as booleans (SQLite's 0/1), and the key that pages through it in SQLite.
    struct Table {
        let name: String
        let columns: [String]
        var booleans: Set<String> = []
        var identity: String?
        let order: String
    }

    /// In foreign-key order. `claim_state_counts` is not copied: the triggers count the claims as
    /// they arrive. The search index has no rows of its own in PostgreSQL.
    static let tables: [Table] = [
        Table(name: "organizations", columns: ["id", "name", "created_at"], identity: "id", order: "id"),
        Table(name: "partner_locations", columns: ["location_id", "organization_id", "name"], order: "location_id"),
        Table(name: "users", columns: ["id", "email", "name", "role", "organization_id", "password_hash", "active", "created_at", "locale"],
              booleans: ["active"], identity: "id", order: "id"),
        Table(name: "sessions", columns: ["id", "token_hash", "user_id", "csrf_token", "created_at", "last_active_at", "expires_at",
                                          "client_address", "user_agent"], identity: "id", order: "id"),
        Table(name: "password_links", columns: ["token_hash", "user_id", "created_by", "created_at", "expires_at"], order: "token_hash"),
        Table(name: "server_secret", columns: ["id", "csrf_key", "created_at"], order: "id"),
        Table(name: "claims", columns: ["number", "organization_id", "version", "state", "name", "customer_name", "customer_domain",
                                        "tenant_id", "solution_area", "activity", "location_id", "subscription_id", "assigned_reviewer",
                                        "sent_for_evaluation_at", "deadline_kind", "deadline_at", "next_timer_at", "created_at",
                                        "updated_at", "document", "competing", "consent_token_hash", "subscription_notice",
                                        "products"],
              booleans: ["competing", "subscription_notice"], order: "number"),
        Table(name: "claim_products", columns: ["claim_number", "product"], order: "claim_number, product"),
        Table(name: "poe_documents", columns: ["id", "claim_number", "position", "filename", "content_type", "size", "sha256",
                                               "uploaded_by", "uploaded_at"], order: "claim_number, position"),
        Table(name: "comments", columns: ["id", "claim_number", "position", "author", "at", "text"], identity: "id", order: "id"),
        Table(name: "history", columns: ["id", "claim_number", "at", "kind", "entry"], identity: "id", order: "id"),
        Table(name: "outbox", columns: ["id", "claim_number", "kind", "recipient", "email", "created_at", "status", "attempts",
                                        "next_attempt_at", "last_error", "sent_at"], identity: "id", order: "id"),
        Table(name: "login_failures", columns: ["key", "at"], order: "rowid"),
        Table(name: "directory_tenants", columns: ["tenant_id"], order: "tenant_id"),
        Table(name: "directory_domains", columns: ["domain", "tenant_id"], order: "domain"),
        Table(name: "directory_subscriptions", columns: ["subscription_id", "tenant_id", "product", "status"], order: "subscription_id"),
        Table(name: "directory_imports", columns: ["id", "at", "source", "tenants", "domains", "subscriptions"], identity: "id", order: "id"),
        Table(name: "audit_events", columns: ["id", "at", "kind", "outcome", "actor_id", "subject_id", "organization_id",
                                              "client_address", "detail"], identity: "id", order: "id"),
    ]

    public struct Report: Sendable {
        /// Rows per table: (in SQLite, in PostgreSQL after the copy).
        public var rows: [String: (source: Int, target: Int)] = [:]
        public var documents = 0
        public var documentBytes: Int64 = 0

        /// The tables whose counts differ; empty when the copy is whole.
        public var mismatches: [String] { rows.filter { $0.value.source != $0.value.target }.map(\.key).sorted() }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case targetNotEmpty(table: String)
        case missingDocument(sha256: String)

        public var description: String {
            switch self {
            case .targetNotEmpty(let table): "the PostgreSQL store is not empty (its \(table) table has rows)"
            case .missingDocument(let sha256): "the SQLite store names a PoE file it does not have: \(sha256)"
            }
        }
    }

    let source: Database
    let sourceDocuments: String
    let target: PostgresDatabase
    let targetDocuments: PostgresDocumentStore
    /// Rows per SQLite read and per PostgreSQL statement's batch.
    var pageSize = 2000

    public init(source: Database, sourceDocuments: String, target: PostgresDatabase, targetDocuments: PostgresDocumentStore) {
        self.source = source
        self.sourceDocuments = sourceDocuments
        self.target = target
        self.targetDocuments = targetDocuments
    }

    /// Copies everything, then counts both sides. `progress` hears each table as it is done.
    public func run(progress: (String, Int) -> Void = { _, _ in }) throws -> Report {
        for table in ["organizations", "users", "claims"] {
            let rows = try target.read { try $0.queryOne("SELECT count(*) AS n FROM \(table)")?.int("n") ?? 0 }
            guard rows == 0 else { throw Failure.targetNotEmpty(table: table) }
        }
        var report = Report()
        for table in Self.tables {
            let copied = try copy(table)
            progress(table.name, copied)
        }
        try resetSequences()
        (report.documents, report.documentBytes) = try copyDocuments()
        progress("documents", report.documents)
        for table in Self.tables {
            let source = try self.source.pool.read { try $0.queryOne("SELECT count(*) AS n FROM \(table.name)")?.int("n") ?? 0 }
            let target = try target.read { try $0.queryOne("SELECT count(*) AS n FROM \(table.name)")?.int("n") ?? 0 }
            report.rows[table.name] = (source, target)
        }
        return report
    }

    /// One table, a page at a time, all in one PostgreSQL transaction.
    private func copy(_ table: Table) throws -> Int {
        let columns = table.columns.joined(separator: ", ")
        // Keyset pages on SQLite's rowid where the table has one, else whole (small lookup tables).
        let hasRowID = !["claim_products", "directory_tenants", "directory_domains", "directory_subscriptions"].contains(table.name)
        var copied = 0
        try target.transaction { connection in
            var after: Int64 = Int64.min
            while true {
                let rows: [Row]
                if hasRowID {
                    rows = try source.pool.read { db in
                        try db.query("SELECT rowid AS copy_rowid, \(columns) FROM \(table.name) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                     [after, pageSize])
                    }
                } else {
                    rows = copied == 0
                        ? try source.pool.read { try $0.query("SELECT 0 AS copy_rowid, \(columns) FROM \(table.name) ORDER BY \(table.order)") }
                        : []
                }
                if rows.isEmpty { break }
                try connection.insert(into: table.name, columns: table.columns, rows: rows.map { row -> [(any PostgresBindable)?] in
                    table.columns.enumerated().map { index, column in
                        Self.postgresValue(row[index + 1], boolean: table.booleans.contains(column))
                    }
                }, overridingIdentity: table.identity != nil)
                copied += rows.count
                if !hasRowID { break }
                after = try rows[rows.count - 1].int64("copy_rowid")
            }
        }
        return copied
    }

    static func postgresValue(_ value: SQLiteValue, boolean: Bool) -> PostgresValue {
        switch value {
        case .null: .null
        case .integer(let integer): boolean ? .bool(integer != 0) : .integer(integer)
        case .real(let real): .double(real)
        case .text(let text): .text(text)
        case .blob(let bytes): .bytes(bytes)
        }
    }

    /// Identity columns and the claim-number sequence continue after the copied rows.
    private func resetSequences() throws {
        try target.transaction { connection in
            for table in Self.tables {
                guard let column = table.identity else { continue }
                try connection.execute("""
                    SELECT setval(pg_get_serial_sequence('\(table.name)', '\(column)'),
                                  coalesce((SELECT max(\(column)) FROM \(table.name)), 0) + 1, false)
                    """)
            }
            try connection.execute("""
                SELECT setval('claim_numbers', greatest(coalesce((SELECT max(number) FROM claims), 0) + 1, \(StoredClaims.firstNumber)), false)
                """)
        }
    }

    /// Every distinct PoE file the rows name, hashed as it goes in.
    private func copyDocuments() throws -> (Int, Int64) {
        let digests = try source.pool.read { db in
            try db.query("SELECT DISTINCT sha256 FROM poe_documents ORDER BY sha256").map { try $0.string("sha256") }
        }
        var bytes: Int64 = 0
        for sha256 in digests {
            let path = sourceDocuments + "/" + sha256.prefix(2) + "/" + sha256.dropFirst(2)
            guard FileManager.default.fileExists(atPath: path) else { throw Failure.missingDocument(sha256: sha256) }
            // The store consumes the file it is given: hand it a copy in its own spool.
            let temporary = targetDocuments.incomingDirectory + "/copy-" + sha256
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
            bytes += Int64((try FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0)
            try targetDocuments.store(temporaryPath: temporary, sha256: sha256)
        }
        return (digests.count, bytes)
    }
}
#endif
