/// One step of the schema's history. Migrations are append-only: once shipped, a migration's id and effect
/// never change, and a new change is a new migration with a higher id.
///
/// `apply` runs inside the transaction that records it, so it must not begin or commit a transaction itself,
/// and `PRAGMA foreign_keys` has no effect there (SQLite ignores it inside a transaction).
public struct Migration: Sendable {
    public let id: Int
    public let name: String
    public let apply: @Sendable (Connection) throws -> Void

    public init(id: Int, name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.id = id
        self.name = name
        self.apply = apply
    }

    /// A migration that runs an SQL script of one or more statements.
    public init(id: Int, name: String, sql: String) {
        self.init(id: id, name: name) { connection in
            try connection.execute(sql)
        }
    }
}
