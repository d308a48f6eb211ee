import Claims
import Foundation
import SQLite

/// E-mails waiting to be delivered. Rows are written in the same transaction as the change that
/// caused them; a delivery worker takes due rows, sends them, and marks them sent — or, after
/// repeated failures, failed (kept and visible, never dropped).
public struct Outbox: Sendable {
    public struct Message: Sendable, Equatable {
        public let id: Int64
        public let email: OutgoingEmail
        public let createdAt: Date
        public let status: Status
        public let attempts: Int
        public let lastError: String?
        public let sentAt: Date?
    }

    public enum Status: String, Sendable { case pending, sent, failed }

    let database: Database

    public init(database: Database) { self.database = database }

    static func enqueue(_ email: OutgoingEmail, claimNumber: Int64?, at now: Date, in db: Connection) throws {
        try db.run("""
            INSERT INTO outbox (claim_number, kind, recipient, email, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [claimNumber, email.kind.rawValue, email.recipient.rawValue, try ClaimRows.json(email),
                  now.millisecondsSince1970, now.millisecondsSince1970])
    }

    /// Pending messages whose next attempt is due, oldest first.
    public func due(at now: Date, limit: Int) throws -> [Message] {
        try database.pool.read { db in
            try db.query("""
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                """, [now.millisecondsSince1970, limit]).map(Self.decode)
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
