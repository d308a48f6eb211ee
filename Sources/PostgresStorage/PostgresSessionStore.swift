#if Postgres
import Digest
import Foundation
import Postgres
import Storage

/// Login sessions in PostgreSQL, kept by the SHA-256 of their token, with the same deadlines as
/// SQLite's: `timeouts.absolute` after login, `timeouts.idle` after the last recorded request.
public struct PostgresSessionStore: SessionStore {
    let database: PostgresDatabase
    public let timeouts: SessionTimeouts
    /// A request moves the idle deadline only when the last recorded one is older than this, so a
    /// busy session costs one write a minute rather than one per request.
    public let activityResolution: TimeInterval

    public init(database: PostgresDatabase, timeouts: SessionTimeouts = SessionTimeouts(), activityResolution: TimeInterval = 60) {
        self.database = database
        self.timeouts = timeouts
        self.activityResolution = activityResolution
    }

    public func create(userID: Int64, token: String, csrfToken: String, client: SessionClient, at now: Date) throws {
        try database.transaction { connection in
            // Ended rows are removed opportunistically so the table stays the size of live sessions.
            try connection.execute("DELETE FROM sessions WHERE expires_at <= $1 OR last_active_at <= $2",
                                   [now.millisecondsSince1970, idleHorizon(now)])
            try connection.execute("""
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_active_at, expires_at,
                                      client_address, user_agent)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, [SHA256.hexHash(token), userID, csrfToken, now.millisecondsSince1970, now.millisecondsSince1970,
                      now.addingTimeInterval(timeouts.absolute).millisecondsSince1970,
                      String(client.address.prefix(100)), String(client.userAgent.prefix(400))])
        }
    }

    public func session(token: String, at now: Date) throws -> Session? {
        try database.read { connection in
            guard let row = try connection.queryOne("""
                SELECT \(Self.recordColumns), s.user_id, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_active_at > $3 AND u.active
                """, [SHA256.hexHash(token), now.millisecondsSince1970, idleHorizon(now)]),
                  let user = try PostgresAccountStore.user(id: try row.int64("user_id"), in: connection) else { return nil }
            return Session(user: user, csrfToken: try row.string("csrf_token"), record: try Self.decodeRecord(row))
        }
    }

    @discardableResult
    public func recordActivity(_ session: SessionRecord, at now: Date) throws -> Bool {
        guard now.timeIntervalSince(session.lastActiveAt) >= activityResolution else { return false }
        return try database.transaction { connection in
            try connection.execute("UPDATE sessions SET last_active_at = $1 WHERE id = $2 AND last_active_at < $1",
                                   [now.millisecondsSince1970, session.id]) > 0
        }
    }

    public func sessions(userID: Int64, at now: Date) throws -> [SessionRecord] {
        try database.read { connection in
            try connection.query("""
                SELECT \(Self.recordColumns) FROM sessions s
                WHERE s.user_id = $1 AND s.expires_at > $2 AND s.last_active_at > $3
                ORDER BY s.last_active_at DESC, s.id DESC
                """, [userID, now.millisecondsSince1970, idleHorizon(now)]).map(Self.decodeRecord)
        }
    }

    public func end(token: String) throws {
        try database.transaction { connection in
            try connection.execute("DELETE FROM sessions WHERE token_hash = $1", [SHA256.hexHash(token)])
        }
    }

    public func end(id: Int64, userID: Int64) throws -> Bool {
        try database.transaction { connection in
            try connection.execute("DELETE FROM sessions WHERE id = $1 AND user_id = $2", [id, userID]) > 0
        }
    }

    @discardableResult
    public func endOthers(userID: Int64, keeping: Int64) throws -> Int {
        try database.transaction { connection in
            try connection.execute("DELETE FROM sessions WHERE user_id = $1 AND id <> $2", [userID, keeping])
        }
    }

    private func idleHorizon(_ now: Date) -> Int64 { now.addingTimeInterval(-timeouts.idle).millisecondsSince1970 }

    /// Every session of the user but `keeping` (nil: all of them), in the caller's transaction.
    static func endSessions(of userID: Int64, keeping: Int64?, in connection: PostgresConnection) throws {
        try connection.execute("DELETE FROM sessions WHERE user_id = $1 AND id <> $2", [userID, keeping ?? 0])
    }

    private static let recordColumns = "s.id, s.created_at, s.last_active_at, s.expires_at, s.client_address, s.user_agent"

    private static func decodeRecord(_ row: PostgresRow) throws -> SessionRecord {
        SessionRecord(id: try row.int64("id"), createdAt: Date(millisecondsSince1970: try row.int64("created_at")),
                      lastActiveAt: Date(millisecondsSince1970: try row.int64("last_active_at")),
                      expiresAt: Date(millisecondsSince1970: try row.int64("expires_at")),
                      clientAddress: try row.string("client_address"), userAgent: try row.string("user_agent"))
    }
}
#endif
