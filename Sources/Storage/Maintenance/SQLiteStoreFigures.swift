import Foundation
import SQLite

/// Figures about the live store for monitoring, read on the service's own reader connections.
public struct SQLiteStoreFigures: StoreFigures {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Answers only when a reader connection can run a query: what `/readyz` asks.
    public func ping() throws {
        try database.pool.read { db in _ = try db.scalar("SELECT 1") }
    }

    public func outboxDepth() throws -> OutboxDepth {
        try database.pool.read { db in
            var depth = OutboxDepth()
            for row in try db.query("SELECT status, attempts > 0 AS retried, count(*) AS n FROM outbox GROUP BY status, retried") {
                let count = try row.int("n")
                switch try row.string("status") {
                case "pending":
                    depth.pending += count
                    if try row.bool("retried") { depth.retrying += count }
                case "failed": depth.failed += count
                default: depth.sent += count
                }
            }
            return depth
        }
    }

    /// Bytes of PoE stored: each distinct file once, however many rows name it.
    public func documentBytes() throws -> Int64 {
        try database.pool.read { db in
            let total = try db.scalar("SELECT coalesce(sum(size), 0) FROM (SELECT sha256, max(size) AS size FROM poe_documents GROUP BY sha256)")
            if case .integer(let bytes)? = total { return bytes }
            return 0
        }
    }

    public func databaseSize() throws -> DatabaseSize {
        DatabaseSize(bytes: Self.size(of: database.path), walBytes: Self.size(of: database.path + "-wal"))
    }

    static func size(of path: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    }
}
