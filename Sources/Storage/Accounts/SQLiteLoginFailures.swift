import Foundation
import SQLite

/// Failed logins per account and per client address, so repeated guessing slows down and then
/// stops. Kept in the database, so every node behind a load balancer counts the same tries.
public struct SQLiteLoginFailures: LoginFailureStore {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The failures recorded against each key since `since`, oldest first.
    public func failures(keys: [String], since: Date) throws -> [String: [Date]] {
        try database.pool.read { db in
            var result: [String: [Date]] = [:]
            for key in keys {
                result[key] = try db.query("SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at",
                                           [key, since.millisecondsSince1970])
                    .map { Date(millisecondsSince1970: try $0.int64("at")) }
            }
            return result
        }
    }

    public func record(keys: [String], at now: Date, forgetBefore horizon: Date) throws {
        try database.pool.write { db in
            try db.transaction {
                try db.run("DELETE FROM login_failures WHERE at < ?", [horizon.millisecondsSince1970])
                for key in keys { try db.run("INSERT INTO login_failures (key, at) VALUES (?, ?)", [key, now.millisecondsSince1970]) }
            }
        }
    }

    /// After a successful login the account starts afresh (the address does not).
    public func clear(key: String) throws {
        try database.pool.write { db in try db.run("DELETE FROM login_failures WHERE key = ?", [key]) }
    }
}
