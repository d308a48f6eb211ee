import Foundation
import SQLite

/// The database file as an operator handles it: checked, counted and copied, on a connection of
/// its own that never migrates it (a schema newer or older than this build is a finding, not
/// something to fix on the way). Safe beside a running server: in WAL mode these reads block no
/// writer.
public final class DatabaseFile {
    private let connection: Connection

    /// Opens `path`, which must exist: inspecting must never create an empty database.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: 14, message: "no database at \(path)")
        }
        connection = try Connection(path: path)
    }

    public func close() { connection.close() }

    /// A consistent copy of the whole database in a new single file at `path` (see `Connection.backup`).
    public func backup(to path: String) throws {
        try connection.backup(to: path)
    }

    /// The lines `PRAGMA integrity_check` reports; empty when it says "ok".
    public func integrityProblems() throws -> [String] {
        let lines = try connection.query("PRAGMA integrity_check").map { try $0.string("integrity_check") }
        return lines == ["ok"] ? [] : lines
    }

    /// Every row whose parent is missing.
    public func foreignKeyProblems() throws -> [Inspected.MissingParent] {
        try connection.query("PRAGMA foreign_key_check").map { row in
            Inspected.MissingParent(table: try row.string("table"), row: try row.optionalInt64("rowid").map(String.init),
                                    parent: try row.string("parent"))
        }
    }

    public func schemaVersion() throws -> Inspected.SchemaVersion {
        let hasTable = try connection.scalar(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
        let applied = hasTable ? try Migrator(Schema.migrations).appliedIDs(connection) : []
        return Inspected.SchemaVersion(applied: applied, known: Schema.migrations.map(\.id))
    }

    public func documents() throws -> [Inspected.Document] {
        try connection.query("SELECT claim_number, id, sha256, size FROM poe_documents ORDER BY claim_number, position").map {
            Inspected.Document(claimNumber: try $0.int64("claim_number"), id: try $0.string("id"),
                           sha256: try $0.string("sha256"), size: try $0.int64("size"))
        }
    }

    /// Pending e-mails whose next attempt was due before `before`: the delivery worker should have
    /// taken them long ago.
    public func overdueOutbox(before: Date) throws -> [Inspected.OutboxMessage] {
        try outbox("status = 'pending' AND next_attempt_at < ?", [before.millisecondsSince1970])
    }

    /// E-mails given up on after their last retry or a permanent refusal.
    public func failedOutbox() throws -> [Inspected.OutboxMessage] {
        try outbox("status = 'failed'", [])
    }

    /// Rows per table, for comparing a backup with its source.
    public func rowCounts() throws -> [String: Int] {
        let tables = try connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).map { try $0.string("name") }
        var counts: [String: Int] = [:]
        for table in tables {
            // A name from sqlite_master, quoted: identifiers cannot be bound as parameters.
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            counts[table] = try connection.scalar("SELECT count(*) FROM \(quoted)").flatMap {
                if case .integer(let n) = $0 { Int(n) } else { nil }
            } ?? 0
        }
        return counts
    }

    private func outbox(_ condition: String, _ parameters: [any SQLiteBindable]) throws -> [Inspected.OutboxMessage] {
        try connection.query(
            "SELECT id, kind, attempts, next_attempt_at, last_error FROM outbox WHERE \(condition) ORDER BY id", parameters
        ).map {
            Inspected.OutboxMessage(id: try $0.int64("id"), kind: try $0.string("kind"), attempts: try $0.int("attempts"),
                         nextAttemptAt: Date(millisecondsSince1970: try $0.int64("next_attempt_at")),
                         lastError: try $0.optionalString("last_error"))
        }
    }
}
