#if Postgres
import Foundation
import Postgres
import Storage

/// One PostgreSQL database shared by every node: a pool of connections, migrated to the current
/// schema (`Schema.postgres`) before anything else touches it. Several nodes may start at once;
/// the migrations run under an advisory lock, so each is applied once, by whichever node gets there
/// first, and the others find it done.
public final class PostgresDatabase: Sendable {
    public let pool: PostgresConnectionPool
    /// The schema every connection works in; nil for the server's default search path.
    public let schema: String?

    /// The advisory lock key the migrations run under (any fixed value no other lock uses).
    static let migrationLock: Int64 = 0x6370_6F72_0001

    /// `conninfo` is a libpq connection string (`postgres://user:password@host:port/database`).
    /// `schema` (letters, digits and underscores) is created when missing and put first in every
    /// connection's search path, so tests can each have a database of their own on one server.
    /// `migrating: false` opens it as it is, for inspecting (`cpor check`): a schema older or newer
    /// than this build's is then something to report, not to fix on the way.
    public init(conninfo: String, schema: String? = nil, connections: Int = 8, migrating: Bool = true) throws {
        if let schema {
            precondition(!schema.isEmpty && schema.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (48...57).contains($0) || (97...122).contains($0) },
                         "a schema name of lowercase letters, digits and underscores")
        }
        self.schema = schema
        pool = try PostgresConnectionPool(capacity: connections) {
            let connection = try PostgresConnection(conninfo: conninfo)
            if let schema {
                // The name was checked above: nothing to quote. pg_trgm lives in public.
                try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \(schema); SET search_path TO \(schema), public")
            }
            return connection
        }
        if migrating { try migrate() }
    }

    public func close() { pool.close() }

    /// Runs `body` with a connection, in a transaction.
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in try connection.transaction { try body(connection) } }
    }

    /// Runs `body` with a connection, outside any transaction (each statement commits by itself).
    @discardableResult
    public func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in try body(connection) }
    }

    /// Applies the migrations not yet applied, each in its own transaction with its record.
    func migrate() throws {
        try pool.withConnection { connection in
            while try !connection.tryAdvisoryLock(Self.migrationLock) {
                Thread.sleep(forTimeInterval: 0.05)
            }
            defer { _ = try? connection.advisoryUnlock(Self.migrationLock) }
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)
                """)
            let applied = Set(try connection.query("SELECT id FROM schema_migrations").map { try $0.int("id") })
            if let newest = applied.max(), let known = Schema.postgres.last?.id, newest > known {
                throw PostgresStoreError.schemaNewerThanThisVersion(database: newest, known: known)
            }
            for step in Schema.postgres where !applied.contains(step.id) {
                try connection.transaction {
                    try connection.executeScript(step.sql)
                    try connection.execute("INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)",
                                           [step.id, step.name, Date().millisecondsSince1970])
                }
            }
        }
    }

    /// The newest migration applied.
    public func schemaVersion() throws -> Int {
        try read { try $0.queryOne("SELECT coalesce(max(id), 0) AS version FROM schema_migrations")?.int("version") ?? 0 }
    }
}

public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    case schemaNewerThanThisVersion(database: Int, known: Int)

    public var description: String {
        switch self {
        case .schemaNewerThanThisVersion(let database, let known):
            "the database has migration \(database), newer than this version knows (\(known)): run the newer version"
        }
    }
}
#endif
