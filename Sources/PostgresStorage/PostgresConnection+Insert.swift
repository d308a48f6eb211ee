#if Postgres
import Postgres

extension PostgresConnection {
    /// Runs an `INSERT … RETURNING id` and gives back the new row's id.
    func insertReturningID(_ sql: String, _ parameters: [(any PostgresBindable)?]) throws -> Int64 {
        guard let row = try queryOne(sql, parameters) else {
            throw PostgresRowDecodingError.unexpectedNull(column: "id", expected: "integer")
        }
        return try row.int64("id")
    }
}
#endif
