import Claims
import Foundation
import SQLite

/// The outbox in SQLite. Rows are written in the same transaction as the change that caused them.
public struct SQLiteOutbox: OutboxStore {
    public typealias Message = Outbox.Message
    typealias Status = Outbox.Status

    let database: Database

    public init(database: Database) { self.database = database }

    static func enqueue(_ email: OutgoingEmail, claimNumber: Int64?, at now: Date, in db: Connection) throws {
        try db.run(enqueueSQL, enqueueRow(email, claimNumber: claimNumber, at: now))
    }

    static let enqueueSQL = """
        INSERT INTO outbox (claim_number, kind, recipient, email, created_at, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// `enqueueSQL`'s parameters: `email`, about claim `claimNumber`, due at once.
    static func enqueueRow(_ email: OutgoingEmail, claimNumber: Int64?, at now: Date) throws -> [any SQLiteBindable] {
        [claimNumber, email.kind.rawValue, email.recipient.rawValue, try ClaimRows.json(email),
         now.millisecondsSince1970, now.millisecondsSince1970]
    }

    /// Pending messages whose next attempt is due, oldest first.
    public func due(at now: Date, limit: Int) throws -> [Message] {
        try database.pool.read { db in
            try db.query("""
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                """, [now.millisecondsSince1970, limit]).map(Self.decode)
        }
    }

    /// Takes up to `limit` due messages for delivery: their next attempt moves to `leaseUntil`, so
    /// no other worker takes them meanwhile, and back to due if this one dies before marking them.
    public func claimDue(at now: Date, limit: Int, leaseUntil: Date) throws -> [Message] {
        try database.pool.write { db in
            try db.transaction {
                let due = try db.query("""
                    SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                    """, [now.millisecondsSince1970, limit]).map(Self.decode)
                for message in due {
                    try db.run("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", [leaseUntil.millisecondsSince1970, message.id])
                }
                return due
            }
        }
    }

    public func release(_ ids: [Int64], dueAt: Date) throws {
        try database.pool.write { db in
            try db.transaction {
                for id in ids {
                    try db.run("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'", [dueAt.millisecondsSince1970, id])
                }
            }
        }
    }

    public func recent(limit: Int) throws -> [Message] {
        try database.pool.read { db in
            try db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", [limit]).map(Self.decode)
        }
    }

    /// Records the delivery, and blanks a consent or set-password link's token in the stored copy:
    /// once the recipient has it, nothing here needs it, and only its hash is kept.
    public func markSent(_ id: Int64, at now: Date) throws {
        try database.pool.write { db in
            try db.run("""
                UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
                    email = json_replace(email, '$.parameters.consent_token', '', '$.parameters.password_token', '')
                WHERE id = ?
                """, [now.millisecondsSince1970, id])
        }
    }

    /// Records a failed attempt: retried at `retryAt`, or marked failed when there is none.
    public func markFailed(_ id: Int64, error: String, retryAt: Date?) throws {
        try database.pool.write { db in
            if let retryAt {
                try db.run("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                           [error, retryAt.millisecondsSince1970, id])
            } else {
                try db.run("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                           [error, id])
            }
        }
    }

    static func decode(_ row: Row) throws -> Message {
        Message(
            id: try row.int64("id"), email: try ClaimRows.decode(OutgoingEmail.self, from: row.string("email")),
            createdAt: Date(millisecondsSince1970: try row.int64("created_at")),
            status: Status(rawValue: try row.string("status")) ?? .pending, attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"),
            sentAt: try row.optionalInt64("sent_at").map(Date.init(millisecondsSince1970:)))
    }
}
