import Digest
import Foundation
import SQLite

/// Login sessions. A session ends `timeouts.absolute` after its login, or `timeouts.idle` after its
/// last request, whichever comes first; its token is stored only as a SHA-256, so the database never
/// holds a value that could be replayed as a cookie.
public struct SQLiteSessionStore: SessionStore {
    private let database: Database
    public let timeouts: SessionTimeouts
    /// A request moves the idle deadline only when the last recorded one is older than this, so a
    /// busy session costs one write a minute rather than one per request.
    public let activityResolution: TimeInterval

    public init(database: Database, timeouts: SessionTimeouts = SessionTimeouts(), activityResolution: TimeInterval = 60) {
        self.database = database
        self.timeouts = timeouts
        self.activityResolution = activityResolution
    }

    public func create(userID: Int64, token: String, csrfToken: String, client: SessionClient, at now: Date) throws {
        try database.pool.write { db in
            try db.transaction {
                // Ended rows are removed opportunistically so the table stays the size of live sessions.
                try Self.removeEnded(at: now, timeouts: timeouts, in: db)
                try db.run("""
                    INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_active_at, expires_at,
                                          client_address, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [SHA256.hexHash(token), userID, csrfToken, now.millisecondsSince1970, now.millisecondsSince1970,
                          now.addingTimeInterval(timeouts.absolute).millisecondsSince1970,
                          String(client.address.prefix(100)), String(client.userAgent.prefix(400))])
            }
        }
    }

    /// The live session for a cookie token; nil if unknown, past either deadline, or its user was deactivated.
    public func session(token: String, at now: Date) throws -> Session? {
        try database.pool.read { db in
            guard let row = try db.queryOne("""
                SELECT \(Self.recordColumns), s.user_id, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_active_at > ? AND u.active = 1
                """, [SHA256.hexHash(token), now.millisecondsSince1970, idleHorizon(now)]) else { return nil }
            guard let user = try SQLiteAccountStore.user(where: "u.id = ?", [try row.int64("user_id")], in: db) else { return nil }
            return Session(user: user, csrfToken: try row.string("csrf_token"), record: try Self.decodeRecord(row))
        }
    }

    /// Moves the session's idle deadline to `now`, when its last recorded request is older than
    /// `activityResolution`; returns whether it wrote.
    @discardableResult
    public func recordActivity(_ session: SessionRecord, at now: Date) throws -> Bool {
        guard now.timeIntervalSince(session.lastActiveAt) >= activityResolution else { return false }
        return try database.pool.write { db in
            try db.run("UPDATE sessions SET last_active_at = ? WHERE id = ? AND last_active_at < ?",
                       [now.millisecondsSince1970, session.id, now.millisecondsSince1970]) > 0
        }
    }

    /// A user's live sessions, the most recently used first.
    public func sessions(userID: Int64, at now: Date) throws -> [SessionRecord] {
        try database.pool.read { db in
            try db.query("""
                SELECT \(Self.recordColumns) FROM sessions s
                WHERE s.user_id = ? AND s.expires_at > ? AND s.last_active_at > ?
                ORDER BY s.last_active_at DESC, s.id DESC
                """, [userID, now.millisecondsSince1970, idleHorizon(now)]).map(Self.decodeRecord)
        }
    }

    /// Logs a cookie's session out.
    public func end(token: String) throws {
        try database.pool.write { db in
            try db.run("DELETE FROM sessions WHERE token_hash = ?", [SHA256.hexHash(token)])
        }
    }

    /// Ends one of the user's sessions; false when they have no session with that id.
    public func end(id: Int64, userID: Int64) throws -> Bool {
        try database.pool.write { db in
            try db.run("DELETE FROM sessions WHERE id = ? AND user_id = ?", [id, userID]) > 0
        }
    }

    /// Ends every session of the user but `keeping`; returns how many ended.
    @discardableResult
    public func endOthers(userID: Int64, keeping: Int64) throws -> Int {
        try database.pool.write { db in
            try db.run("DELETE FROM sessions WHERE user_id = ? AND id != ?", [userID, keeping])
        }
    }

    private func idleHorizon(_ now: Date) -> Int64 { now.addingTimeInterval(-timeouts.idle).millisecondsSince1970 }

    static func removeEnded(at now: Date, timeouts: SessionTimeouts, in db: Connection) throws {
        try db.run("DELETE FROM sessions WHERE expires_at <= ? OR last_active_at <= ?",
                   [now.millisecondsSince1970, now.addingTimeInterval(-timeouts.idle).millisecondsSince1970])
    }

    /// Every session of the user but `keeping` (nil: all of them), in the caller's transaction.
    static func endSessions(of userID: Int64, keeping: Int64?, in db: Connection) throws {
        try db.run("DELETE FROM sessions WHERE user_id = ? AND id != ?", [userID, keeping ?? 0])
    }

    private static let recordColumns = "s.id, s.created_at, s.last_active_at, s.expires_at, s.client_address, s.user_agent"

    private static func decodeRecord(_ row: Row) throws -> SessionRecord {
        SessionRecord(id: try row.int64("id"), createdAt: Date(millisecondsSince1970: try row.int64("created_at")),
                      lastActiveAt: Date(millisecondsSince1970: try row.int64("last_active_at")),
                      expiresAt: Date(millisecondsSince1970: try row.int64("expires_at")),
                      clientAddress: try row.string("client_address"), userAgent: try row.string("user_agent"))
    }
}
