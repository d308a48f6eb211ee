#if Postgres
import Claims
import Foundation
import Postgres
import Storage

/// The outbox in PostgreSQL. Rows are written in the same transaction as the change that caused
/// them. Workers on several nodes take due rows with `FOR UPDATE SKIP LOCKED` and lease them, so
/// each message goes to one worker at a time.
public struct PostgresOutbox: OutboxStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    static func enqueue(_ email: OutgoingEmail, claimNumber: Int64?, at now: Date, in connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO outbox (claim_number, kind, recipient, email, created_at, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, [claimNumber, email.kind.rawValue, email.recipient.rawValue, try StoredClaims.json(email),
                  now.millisecondsSince1970, now.millisecondsSince1970])
    }

    public func due(at now: Date, limit: Int) throws -> [Outbox.Message] {
        try database.read { connection in
            try connection.query("""
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2
                """, [now.millisecondsSince1970, limit]).map(Self.decode)
        }
    }

    public func claimDue(at now: Date, limit: Int, leaseUntil: Date) throws -> [Outbox.Message] {
        // Rows another worker has locked are skipped, not waited for; the lease is written before
        // the lock is let go, so the row is no longer due for anyone when it is.
        try database.transaction { connection in
            try connection.query("""
                UPDATE outbox SET next_attempt_at = $3
                WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
                             ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, [now.millisecondsSince1970, limit, leaseUntil.millisecondsSince1970])
                .map(Self.decode).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        }
    }

    public func release(_ ids: [Int64], dueAt: Date) throws {
        guard !ids.isEmpty else { return }
        try database.transaction { connection in
            for id in ids {
                try connection.execute("UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending'",
                                       [dueAt.millisecondsSince1970, id])
            }
        }
    }

    public func recent(limit: Int) throws -> [Outbox.Message] {
        try database.read { connection in
            try connection.query("SELECT * FROM outbox ORDER BY id DESC LIMIT $1", [limit]).map(Self.decode)
        }
    }

    public func markSent(_ id: Int64, at now: Date) throws {
        // Blanks the link tokens where the message has them (jsonb_set would add them where it has not).
        try database.transaction { connection in
            try connection.execute("""
                UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL,
                    email = (SELECT CASE WHEN e ? 'parameters' THEN jsonb_set(e, '{parameters}',
                                 (e -> 'parameters') || (SELECT coalesce(jsonb_object_agg(key, ''), '{}'::jsonb)
                                     FROM jsonb_object_keys(e -> 'parameters') AS key
                                     WHERE key IN ('consent_token', 'password_token')))
                             ELSE e END::text
                             FROM (SELECT email::jsonb AS e) AS parsed)
                WHERE id = $2
                """, [now.millisecondsSince1970, id])
        }
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?) throws {
        try database.transaction { connection in
            if let retryAt {
                try connection.execute("UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
                                       [error, retryAt.millisecondsSince1970, id])
            } else {
                try connection.execute("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $1 WHERE id = $2",
                                       [error, id])
            }
        }
    }

    static func decode(_ row: PostgresRow) throws -> Outbox.Message {
        Outbox.Message(
            id: try row.int64("id"), email: try StoredClaims.decode(OutgoingEmail.self, from: row.string("email")),
            createdAt: Date(millisecondsSince1970: try row.int64("created_at")),
            status: Outbox.Status(rawValue: try row.string("status")) ?? .pending, attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"),
            sentAt: try row.optionalInt64("sent_at").map(Date.init(millisecondsSince1970:)))
    }
}
#endif
