import CSQLite

/// The row a statement is on, read in place: for hot queries that turn each row into their own
/// value at once, without copying every column into a `Row` (an array of values, a string each)
/// first. Valid only inside the `forEachRow` call that hands it out. Reads are as strict as
/// `Row`'s: a NULL where a value is required, or another storage class, throws.
public struct StatementRow {
    @usableFromInline let handle: OpaquePointer
    /// Asked once per row, not on every read.
    public let columnCount: Int

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
        columnCount = Int(sqlite3_column_count(handle))
    }

    /// The column's name, as SQLite reports it (the `AS` alias where there is one).
    public func columnName(at index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    /// The column's value, copied out.
    public func value(at index: Int) throws -> SQLiteValue {
        try checked(index)
        return Statement.value(of: handle, at: Int32(index))
    }

    public func int64(at index: Int) throws -> Int64 {
        guard let value = try optionalInt64(at: index) else { throw unexpectedNull(index, "INTEGER") }
        return value
    }

    public func optionalInt64(at index: Int) throws -> Int64? {
        switch try type(at: index) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, Int32(index))
        case let type: throw mismatch(index, "INTEGER", type)
        }
    }

    public func string(at index: Int) throws -> String {
        guard let value = try optionalString(at: index) else { throw unexpectedNull(index, "TEXT") }
        return value
    }

    public func optionalString(at index: Int) throws -> String? {
        switch try type(at: index) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            // By its byte count, as `Row` reads text, so that a string comes back whole.
            let bytes = sqlite3_column_text(handle, Int32(index))
            let count = Int(sqlite3_column_bytes(handle, Int32(index)))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        case let type: throw mismatch(index, "TEXT", type)
        }
    }

    /// The column's text as UTF-8 where SQLite holds it, for a value that is only looked up
    /// (a stored enum's raw value), without making a `String` of it; nil for NULL. The bytes are
    /// valid only inside `body`.
    /// Inlinable, so that callers in other modules get it specialized for their `Result`: list
    /// pages read a few such columns from every row.
    @inlinable
    public func withOptionalText<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result? {
        switch try type(at: index) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            let bytes = sqlite3_column_text(handle, Int32(index))
            let count = Int(sqlite3_column_bytes(handle, Int32(index)))
            return try body(UnsafeBufferPointer(start: bytes, count: count))
        case let type: throw mismatch(index, "TEXT", type)
        }
    }

    @usableFromInline func type(at index: Int) throws -> Int32 {
        try checked(index)
        return sqlite3_column_type(handle, Int32(index))
    }

    @usableFromInline func checked(_ index: Int) throws {
        guard index >= 0 && index < columnCount else {
            throw RowDecodingError.missingColumn("#\(index)", available: (0..<columnCount).map(columnName(at:)))
        }
    }

    private func unexpectedNull(_ index: Int, _ expected: String) -> RowDecodingError {
        .unexpectedNull(column: columnName(at: index), expected: expected)
    }

    @usableFromInline func mismatch(_ index: Int, _ expected: String, _ type: Int32) -> RowDecodingError {
        let found = switch type {
        case SQLITE_INTEGER: "INTEGER"
        case SQLITE_FLOAT: "REAL"
        case SQLITE_TEXT: "TEXT"
        case SQLITE_BLOB: "BLOB"
        default: "NULL"
        }
        return .typeMismatch(column: columnName(at: index), expected: expected, found: found)
    }
}

extension Connection {
    /// Runs one statement and calls `body` with each row in place (see `StatementRow`).
    public func forEachRow(_ sql: String, _ parameters: [any SQLiteBindable] = [],
                           _ body: (StatementRow) throws -> Void) throws {
        let statement = try prepare(sql)
        // Resetting ends the statement's read snapshot, which would otherwise hold back WAL checkpoints.
        defer { statement.reset() }
        try statement.bind(parameters)
        while let handle = try statement.stepToRow() {
            try body(StatementRow(handle: handle))
        }
    }
}
