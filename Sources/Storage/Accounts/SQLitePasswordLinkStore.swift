import Digest
import Foundation
import SQLite

/// Single-use links that set a user's password: how a new user gets their first password, and how
/// a global admin lets someone back in. A new link replaces the user's older ones.
public struct SQLitePasswordLinkStore: PasswordLinkStore {
    private let database: Database

    public init(database: Database) { self.database = database }

    /// Stores the link and queues its e-mail, in one transaction.
    public func issue(_ link: PasswordLinkIssue, to userID: Int64, at now: Date) throws {
        try database.pool.write { db in
            try db.transaction { try Self.issue(link, to: userID, at: now, in: db) }
        }
    }

    static func issue(_ link: PasswordLinkIssue, to userID: Int64, at now: Date, in db: Connection) throws {
        try db.run("DELETE FROM password_links WHERE user_id = ? OR expires_at <= ?", [userID, now.millisecondsSince1970])
        try db.run("INSERT INTO password_links (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                   [link.tokenHash, userID, link.createdBy, now.millisecondsSince1970, link.expiresAt.millisecondsSince1970])
        try SQLiteOutbox.enqueue(link.email, claimNumber: nil, at: now, in: db)
    }

    /// The active user a live link is for, or nil when the token is unknown, used or expired.
    public func user(token: String, at now: Date) throws -> UserAccount? {
        try database.pool.read { db in
            guard let row = try db.queryOne("""
                SELECT l.user_id FROM password_links l JOIN users u ON u.id = l.user_id
                WHERE l.token_hash = ? AND l.expires_at > ? AND u.active = 1
                """, [SHA256.hexHash(token), now.millisecondsSince1970]) else { return nil }
            return try SQLiteAccountStore.user(where: "u.id = ?", [try row.int64("user_id")], in: db)
        }
    }

    /// Sets the password through the link, which is used up; every session of the user ends. Nil
    /// (and nothing changed) when the link is no longer live.
    public func redeem(token: String, passwordHash: String, at now: Date) throws -> UserAccount? {
        try database.pool.write { db in
            try db.transaction {
                guard let row = try db.queryOne("""
                    SELECT l.user_id FROM password_links l JOIN users u ON u.id = l.user_id
                    WHERE l.token_hash = ? AND l.expires_at > ? AND u.active = 1
                    """, [SHA256.hexHash(token), now.millisecondsSince1970]) else { return nil }
                let userID = try row.int64("user_id")
                try db.run("UPDATE users SET password_hash = ? WHERE id = ?", [passwordHash, userID])
                try db.run("DELETE FROM password_links WHERE user_id = ?", [userID])
                try SQLiteSessionStore.endSessions(of: userID, keeping: nil, in: db)
                return try SQLiteAccountStore.user(where: "u.id = ?", [userID], in: db)
            }
        }
    }
}
