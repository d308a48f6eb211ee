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

    /// Inserts `rows` (each a value per column, in `columns`' order) with multi-row `VALUES`, as many
    /// rows to a statement as the protocol's 65,535 bound parameters allow. `overridingIdentity`
    /// keeps the ids the rows bring for identity columns.
    func insert(into table: String, columns: [String], rows: some Collection<[(any PostgresBindable)?]>,
                overridingIdentity: Bool = false) throws {
        let width = columns.count
        let perStatement = max(1, 60_000 / width)
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", ")))" + (overridingIdentity ? " OVERRIDING SYSTEM VALUE" : "")
            + " VALUES "
        var remaining = rows[...]
        while !remaining.isEmpty {
            let batch = remaining.prefix(perStatement)
            remaining = remaining.dropFirst(batch.count)
            var parameters: [(any PostgresBindable)?] = []
            parameters.reserveCapacity(batch.count * width)
            var tuples: [String] = []
            tuples.reserveCapacity(batch.count)
            for row in batch {
                precondition(row.count == width, "a value for each of \(table)'s \(width) columns")
                tuples.append("(" + (1...width).map { "$\(parameters.count + $0)" }.joined(separator: ", ") + ")")
                parameters += row
            }
            try execute(head + tuples.joined(separator: ", "), parameters)
        }
    }
}
#endif
