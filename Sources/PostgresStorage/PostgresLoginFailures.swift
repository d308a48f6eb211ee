#if Postgres
import Foundation
import Postgres
import Storage

/// Failed logins per account and per client address, in the database every node shares, so
/// guessing is counted the same whichever node a try reaches.
public struct PostgresLoginFailures: LoginFailureStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func failures(keys: [String], since: Date) throws -> [String: [Date]] {
        try database.read { connection in
            var result: [String: [Date]] = [:]
            for key in keys {
                result[key] = try connection.query("SELECT at FROM login_failures WHERE key = $1 AND at >= $2 ORDER BY at",
                                                   [key, since.millisecondsSince1970])
                    .map { Date(millisecondsSince1970: try $0.int64("at")) }
            }
            return result
        }
    }

    public func record(keys: [String], at now: Date, forgetBefore horizon: Date) throws {
        try database.transaction { connection in
            try connection.execute("DELETE FROM login_failures WHERE at < $1", [horizon.millisecondsSince1970])
            for key in keys {
                try connection.execute("INSERT INTO login_failures (key, at) VALUES ($1, $2)", [key, now.millisecondsSince1970])
            }
        }
    }

    /// After a successful login the account starts afresh (the address does not).
    public func clear(key: String) throws {
        try database.transaction { connection in try connection.execute("DELETE FROM login_failures WHERE key = $1", [key]) }
    }
}
#endif
