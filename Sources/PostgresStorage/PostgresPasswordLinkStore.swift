#if Postgres
import Digest
import Foundation
import Postgres
import Storage

/// Single-use links that set a user's password, kept as the SHA-256 of their token. A link is
/// redeemed under its row's lock, so two nodes given the same link at once use it only once.
public struct PostgresPasswordLinkStore: PasswordLinkStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func issue(_ link: PasswordLinkIssue, to userID: Int64, at now: Date) throws {
        try database.transaction { connection in try Self.issue(link, to: userID, at: now, in: connection) }
    }

    static func issue(_ link: PasswordLinkIssue, to userID: Int64, at now: Date, in connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM password_links WHERE user_id = $1 OR expires_at <= $2", [userID, now.millisecondsSince1970])
        try connection.execute("""
            INSERT INTO password_links (token_hash, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            """, [link.tokenHash, userID, link.createdBy, now.millisecondsSince1970, link.expiresAt.millisecondsSince1970])
        try PostgresOutbox.enqueue(link.email, claimNumber: nil, at: now, in: connection)
    }

    public func user(token: String, at now: Date) throws -> UserAccount? {
        try database.read { connection in
            guard let row = try connection.queryOne("""
                SELECT l.user_id FROM password_links l JOIN users u ON u.id = l.user_id
                WHERE l.token_hash = $1 AND l.expires_at > $2 AND u.active
                """, [SHA256.hexHash(token), now.millisecondsSince1970]) else { return nil }
            return try PostgresAccountStore.user(id: try row.int64("user_id"), in: connection)
        }
    }

    public func redeem(token: String, passwordHash: String, at now: Date) throws -> UserAccount? {
        try database.transaction { connection in
            // A second redeemer waits here for the first to commit, and then finds the row gone.
            guard let row = try connection.queryOne("""
                SELECT l.user_id FROM password_links l JOIN users u ON u.id = l.user_id
                WHERE l.token_hash = $1 AND l.expires_at > $2 AND u.active
                FOR UPDATE OF l
                """, [SHA256.hexHash(token), now.millisecondsSince1970]) else { return nil }
            let userID = try row.int64("user_id")
            try connection.execute("UPDATE users SET password_hash = $1 WHERE id = $2", [passwordHash, userID])
            try connection.execute("DELETE FROM password_links WHERE user_id = $1", [userID])
            try PostgresSessionStore.endSessions(of: userID, keeping: nil, in: connection)
            return try PostgresAccountStore.user(id: userID, in: connection)
        }
    }
}
#endif
