import CSQLite

/// One prepared SQL statement. It owns its `sqlite3_stmt`: prepared in `init`, finalized in `deinit`.
///
/// Like its `Connection`, a statement is used by one thread at a time. Statements from `Connection.prepare`
/// are cached by SQL text, so two uses of the same SQL must not interleave: finish with one (step to the end
/// or `reset()`) before starting the other.
public final class Statement {
    public let sql: String
    private var handle: OpaquePointer?
    private let database: OpaquePointer
    /// Read at the first row of each run: a schema change re-prepares the statement, and `SELECT *` may then
    /// return other columns.
    private var columnNames: [String]?

    init(database: OpaquePointer, sql: String) throws {
        self.database = database
        self.sql = sql
        var handle: OpaquePointer?
        // The tail is checked inside the closure because it points into the temporary C string.
        let (code, hasTrailingStatement) = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, &tail)
            return (code, code == SQLITE_OK && Self.preparesAStatement(database, tail))
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(database: database, code: code, sql: sql)
        }
        guard let handle else {
            throw SQLiteError.misuse("no statement to prepare (the SQL is empty or only a comment)", sql: sql)
        }
        self.handle = handle
        // SQLite would silently ignore everything after the first statement; `execute` is for scripts.
        guard !hasTrailingStatement else {
            throw SQLiteError.misuse("more than one statement given; use execute(_:) for scripts", sql: sql)
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `parameters` to `?1`, `?2`, … in order, after resetting the statement. The count must match the
    /// statement's, so that a forgotten parameter is an error rather than a NULL.
    public func bind(_ parameters: [any SQLiteBindable]) throws {
        let handle = try liveHandle()
        reset()
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard parameters.count == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "the statement takes \(expected) parameters but \(parameters.count) were given",
                sql: sql
            )
        }
        for (offset, parameter) in parameters.enumerated() {
            let code = Self.bind(parameter.sqliteValue, at: Int32(offset + 1), to: handle)
            guard code == SQLITE_OK else {
                throw SQLiteError(database: database, code: code, sql: sql)
            }
        }
    }

    /// Steps once: the next result row, or nil when the statement is done.
    public func nextRow() throws -> Row? {
        let handle = try liveHandle()
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return row(of: handle)
        case SQLITE_DONE:
            return nil
        default:
            throw SQLiteError(database: database, code: code, sql: sql)
        }
    }

    /// Steps once, like `nextRow`, but leaves the row where it is: the handle to read it through
    /// (see `StatementRow`), or nil when the statement is done.
    func stepToRow() throws -> OpaquePointer? {
        let handle = try liveHandle()
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return handle
        case SQLITE_DONE:
            return nil
        default:
            throw SQLiteError(database: database, code: code, sql: sql)
        }
    }

    /// Steps to the end, discarding any rows (as from `INSERT … RETURNING` when the caller wants none).
    public func run() throws {
        while try nextRow() != nil {}
    }

    /// Makes the statement ready to run again and drops its bindings. Until a statement that returned rows is
    /// reset, it holds its read snapshot open, which keeps WAL checkpoints from completing.
    public func reset() {
        // sqlite3_reset repeats the last step's error, which `nextRow` has already thrown.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        columnNames = nil
    }

    /// Releases the statement now; any later use throws. `Connection.close` does this to its cached statements,
    /// so that the database file is closed at once rather than when the last reference goes away.
    public func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    private func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError.misuse("the statement has been finalized", sql: sql)
        }
        return handle
    }

    private func row(of handle: OpaquePointer) -> Row {
        let count = sqlite3_column_count(handle)
        let names = columnNames ?? (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) }
        columnNames = names
        return Row(columns: names, values: (0..<count).map { Self.value(of: handle, at: $0) })
    }

    static func value(of handle: OpaquePointer, at column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Text is read by its byte count, not up to the first NUL, so that the string comes back whole.
            let bytes = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            // A zero-length blob comes back as a NULL pointer.
            guard let bytes = sqlite3_column_blob(handle, column) else {
                return .blob([])
            }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    private static func bind(_ value: SQLiteValue, at index: Int32, to handle: OpaquePointer) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            return text.withUTF8 { bytes in
                // A NULL pointer would bind NULL, not the empty string.
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text64(handle, index, "", 0, transient, UInt8(SQLITE_UTF8))
                }
                return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let blob):
            // Likewise a NULL pointer would bind NULL, not the empty blob.
            guard !blob.isEmpty else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return blob.withUnsafeBytes { bytes in
                sqlite3_bind_blob64(handle, index, bytes.baseAddress, UInt64(bytes.count), transient)
            }
        }
    }

    /// `SQLITE_TRANSIENT`, a macro Swift does not import: SQLite copies the bytes before the bind call returns,
    /// since the Swift buffer is only valid inside the closure.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
    }

    /// Whether the text after the first statement holds another one (not just whitespace or comments).
    private static func preparesAStatement(_ database: OpaquePointer, _ tail: UnsafePointer<CChar>?) -> Bool {
        guard let tail, tail.pointee != 0 else {
            return false
        }
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(database, tail, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        // A trailing syntax error is also more than whitespace.
        return code != SQLITE_OK || next != nil
    }
}
