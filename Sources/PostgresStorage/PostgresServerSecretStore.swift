#if Postgres
import Foundation
import Postgres
import Storage

/// The key that signs a visitor's CSRF cookie before login, made by the first node that finds
/// none. Nodes starting at once may each make one; the first insert wins, the others' do nothing,
/// and every node then reads the one stored.
public struct PostgresServerSecretStore: ServerSecretStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    public func csrfKey(orMake make: () -> [UInt8], at now: Date) throws -> [UInt8] {
        try database.transaction { connection in
            if let key = try Self.stored(in: connection) { return key }
            // An insert racing another node's waits for it to commit, then does nothing; the read
            // after it (a new snapshot, under READ COMMITTED) sees the winner's key.
            try connection.execute("""
                INSERT INTO server_secret (id, csrf_key, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING
                """, [make(), now.millisecondsSince1970])
            guard let key = try Self.stored(in: connection) else {
                throw PostgresRowDecodingError.unexpectedNull(column: "csrf_key", expected: "bytea")
            }
            return key
        }
    }

    private static func stored(in connection: PostgresConnection) throws -> [UInt8]? {
        try connection.queryOne("SELECT csrf_key FROM server_secret WHERE id = 1")?.bytes("csrf_key")
    }
}
#endif
