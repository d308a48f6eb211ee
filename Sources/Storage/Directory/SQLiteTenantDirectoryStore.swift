import Claims
import Foundation
import SQLite

/// The operator's tenant directory in SQLite. An import replaces it wholesale in one transaction,
/// so a claim is only ever checked against one whole directory, never half of two. Pages and the
/// sweep only look entries up; what an entry means for a claim is the domain's rule
/// (`TenantDirectory.issues(for:)`, `Claim.reconciled(with:at:rules:)`).
public struct SQLiteTenantDirectoryStore: TenantDirectoryStore {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Replaces the whole directory with `entries` and records the import, in one transaction:
    /// if anything fails, the previous directory stays as it was. `entries` must already be
    /// consistent (a domain or subscription under one tenant only); the tables' keys refuse
    /// anything else, and the transaction rolls back.
    @discardableResult
    public func replace(with entries: [TenantDirectoryEntry], source: String, at now: Date) throws -> DirectoryFigures {
        try database.pool.writeLarge { db in
            // Hundreds of thousands of rows, and the secondary indexes' keys in no order: with the
            // usual few megabytes of cache, SQLite would spill pages to the WAL and read them back
            // all through the import. Measured on 100,000 tenants this more than halves the time.
            let usual = try db.scalar("PRAGMA cache_size")
            try db.execute("PRAGMA cache_size = -262144")
            defer {
                // PRAGMA takes no parameters; the value is the integer SQLite itself reported.
                if case .integer(let pages)? = usual { try? db.execute("PRAGMA cache_size = \(pages)") }
            }
            return try db.transaction {
                try DirectoryRows.deleteAll(in: db)
                let counts = try DirectoryRows.insert(entries, in: db)
                try record(counts, source: source, at: now, in: db)
                return DirectoryFigures(counts: counts, lastChange: .init(at: now, source: source))
            }
        }
    }

    /// Removes the directory: from now on nothing is checked against one.
    public func clear(at now: Date) throws {
        try database.pool.writeLarge { db in
            try db.transaction {
                try DirectoryRows.deleteAll(in: db)
                try record(DirectoryFigures.Counts(), source: "", at: now, in: db)
            }
        }
    }

    /// The directory as far as `tenants` go, for checking a claim: `.notLoaded` when there is none.
    public func directory(for tenants: [TenantID]) throws -> TenantDirectory {
        try database.pool.read { db in
            try db.transaction(.deferred) { try DirectoryRows.directory(for: tenants, in: db) }
        }
    }

    public func figures() throws -> DirectoryFigures {
        try database.pool.read { db in
            try db.transaction(.deferred) {
                var counts = DirectoryFigures.Counts()
                counts.tenants = try db.queryOne("SELECT count(*) AS n FROM directory_tenants")?.int("n") ?? 0
                counts.domains = try db.queryOne("SELECT count(*) AS n FROM directory_domains")?.int("n") ?? 0
                for row in try db.query("SELECT status, count(*) AS n FROM directory_subscriptions GROUP BY status") {
                    let status = try row.string("status")
                    guard let known = SubscriptionStatus(rawValue: status) else {
                        throw DirectoryStoreError.unreadable(table: "directory_subscriptions", value: status)
                    }
                    counts.subscriptions[known] = try row.int("n")
                }
                let last = try db.queryOne("SELECT at, source FROM directory_imports ORDER BY id DESC LIMIT 1").map { row in
                    DirectoryFigures.Change(at: Date(millisecondsSince1970: try row.int64("at")), source: try row.string("source"))
                }
                return DirectoryFigures(counts: counts, lastChange: last)
            }
        }
    }

    private func record(_ counts: DirectoryFigures.Counts, source: String, at now: Date, in db: Connection) throws {
        try db.run("""
            INSERT INTO directory_imports (at, source, tenants, domains, subscriptions) VALUES (?, ?, ?, ?, ?)
            """, [now.millisecondsSince1970, source, counts.tenants, counts.domains, counts.subscriptionTotal])
    }
}
