import Foundation
import SQLite

/// The service's own secret: the key that signs a visitor's CSRF cookie before login. Made once,
/// by the first start that finds none, and then shared by every process on the database.
public struct SQLiteServerSecretStore: ServerSecretStore {
    private let database: Database

    public init(database: Database) { self.database = database }

    /// The stored key; `make` (32 random bytes or more) is called, and its result kept, only
    /// when there is none yet.
    public func csrfKey(orMake make: () -> [UInt8], at now: Date) throws -> [UInt8] {
        try database.pool.write { db in
            try db.transaction {
                if let key = try db.queryOne("SELECT csrf_key FROM server_secret WHERE id = 1")?.blob("csrf_key") { return key }
                let key = make()
                try db.run("INSERT INTO server_secret (id, csrf_key, created_at) VALUES (1, ?, ?)", [key, now.millisecondsSince1970])
                return key
            }
        }
    }
}
