#if Postgres
import Foundation
import Postgres
import Storage

/// Figures about the shared database for monitoring and readiness.
public struct PostgresStoreFigures: StoreFigures {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    /// Answers only when a pooled connection can run a query: what `/readyz` asks.
    public func ping() throws {
        try database.read { connection in _ = try connection.query("SELECT 1 AS ok") }
    }

    public func outboxDepth() throws -> OutboxDepth {
        try database.read { connection in
            var depth = OutboxDepth()
            for row in try connection.query("""
                SELECT status, attempts > 0 AS retried, count(*) AS n FROM outbox GROUP BY status, attempts > 0
                """) {
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

    /// Bytes of PoE stored. The bytes live in `documents`, one row per distinct content, so the sum
    /// counts each file once however many claims name it.
    public func documentBytes() throws -> Int64 {
        try database.read { connection in
            try connection.queryOne("SELECT coalesce(sum(size), 0)::bigint AS bytes FROM documents")?.int64("bytes") ?? 0
        }
    }

    /// The whole database's size as the server reports it; its WAL is the server's own business.
    public func databaseSize() throws -> DatabaseSize {
        try database.read { connection in
            DatabaseSize(bytes: try connection.queryOne("SELECT pg_database_size(current_database()) AS bytes")?.int64("bytes") ?? 0,
                         walBytes: nil)
        }
    }
}
#endif
