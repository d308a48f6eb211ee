#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// The operator's tenant directory in PostgreSQL. An import replaces it wholesale in one
/// transaction, and readers read it in one snapshot, so a claim is only ever checked against one
/// whole directory, never half of two.
public struct PostgresTenantDirectoryStore: TenantDirectoryStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    /// Replaces the whole directory and records the import, in one transaction: if anything fails,
    /// the previous directory stays. Imports from two nodes take turns (the table lock), where
    /// they would otherwise each delete the rows they see and collide on the other's new ones.
    @discardableResult
    public func replace(with entries: [TenantDirectoryEntry], source: String, at now: Date) throws -> DirectoryFigures {
        try database.transaction { connection in
            try Self.lockForChange(connection)
            try PostgresDirectoryRows.deleteAll(in: connection)
            let counts = try PostgresDirectoryRows.insert(entries, in: connection)
            try Self.record(counts, source: source, at: now, in: connection)
            return DirectoryFigures(counts: counts, lastChange: .init(at: now, source: source))
        }
    }

    public func clear(at now: Date) throws {
        try database.transaction { connection in
            try Self.lockForChange(connection)
            try PostgresDirectoryRows.deleteAll(in: connection)
            try Self.record(DirectoryFigures.Counts(), source: "", at: now, in: connection)
        }
    }

    public func directory(for tenants: [TenantID]) throws -> TenantDirectory {
        try database.pool.withConnection { connection in
            try connection.transaction(.repeatableRead) { try PostgresDirectoryRows.directory(for: tenants, in: connection) }
        }
    }

    public func figures() throws -> DirectoryFigures {
        try database.pool.withConnection { connection in
            try connection.transaction(.repeatableRead) {
                var counts = DirectoryFigures.Counts()
                counts.tenants = try connection.queryOne("SELECT count(*) AS n FROM directory_tenants")?.int("n") ?? 0
                counts.domains = try connection.queryOne("SELECT count(*) AS n FROM directory_domains")?.int("n") ?? 0
                for row in try connection.query("SELECT status, count(*) AS n FROM directory_subscriptions GROUP BY status") {
                    let status = try row.string("status")
                    guard let known = SubscriptionStatus(rawValue: status) else {
                        throw DirectoryStoreError.unreadable(table: "directory_subscriptions", value: status)
                    }
                    counts.subscriptions[known] = try row.int("n")
                }
                let last = try connection.queryOne("SELECT at, source FROM directory_imports ORDER BY id DESC LIMIT 1").map { row in
                    DirectoryFigures.Change(at: Date(millisecondsSince1970: try row.int64("at")), source: try row.string("source"))
                }
                return DirectoryFigures(counts: counts, lastChange: last)
            }
        }
    }

    /// Blocks other imports and clearings until this transaction ends; readers go on reading the
    /// directory as it was.
    private static func lockForChange(_ connection: PostgresConnection) throws {
        try connection.executeScript("LOCK TABLE directory_tenants IN SHARE ROW EXCLUSIVE MODE")
    }

    private static func record(_ counts: DirectoryFigures.Counts, source: String, at now: Date, in connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO directory_imports (at, source, tenants, domains, subscriptions) VALUES ($1, $2, $3, $4, $5)
            """, [now.millisecondsSince1970, source, counts.tenants, counts.domains, counts.subscriptionTotal])
    }
}
#endif
