import CSQLite

/// An open connection to one SQLite database file.
///
/// A connection is used by one thread at a time, which is why it is not `Sendable`. It is opened with
/// `SQLITE_OPEN_NOMUTEX` (SQLite's multi-thread mode) for the same reason: under that rule SQLite's
/// per-connection mutex would only add a lock to every call. Threads share connections through
/// `ConnectionPool`, which hands each one over under its own lock.
public final class Connection {
    public let path: String
    public let configuration: ConnectionConfiguration
    private(set) var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]
    /// FTS5 tokenizers asked for by name and arguments (see `fts5Tokenizer`).
    var tokenizers: [String: FTS5Tokenizer] = [:]
    /// How many savepoints `transaction` has open inside the current transaction; names them uniquely.
    var savepointDepth = 0

    /// Opens the database at `path`, creating the file unless `configuration.readOnly`, and sets it up for a
    /// service that must not lose a claim it has acknowledged:
    ///
    /// - `journal_mode=WAL`: readers see the last committed state while the writer writes, and never block it.
    /// - `synchronous=FULL`: in WAL mode every commit fsyncs the WAL, so a committed transaction survives a
    ///   power loss or OS crash. `NORMAL` fsyncs only at checkpoints and may lose the last commits, i.e. claims
    ///   the user was already told were saved.
    /// - `foreign_keys=ON`: SQLite leaves them off unless each connection asks.
    /// - the busy timeout: a lock held by another connection or process is waited for instead of failing at once.
    public init(path: String, configuration: ConnectionConfiguration = .init()) throws {
        self.path = path
        self.configuration = configuration
        // A library built single-threaded has no locking at all; handing connections between threads would be unsafe.
        guard sqlite3_threadsafe() != 0 else {
            throw SQLiteError.misuse("the system SQLite was built without thread support")
        }
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= configuration.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            // Even a failed open may allocate a handle, which must be closed.
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: "\(message) (\(path))")
        }
        self.handle = handle
        do {
            try configure(handle)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    private func configure(_ handle: OpaquePointer) throws {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA synchronous = FULL")
        // The journal mode is stored in the file, so a read-only connection inherits it from the writer.
        guard !configuration.readOnly else {
            return
        }
        let mode = try scalar("PRAGMA journal_mode = WAL")
        // An in-memory or temporary database (empty file name) cannot use WAL and has nothing to make durable.
        let isOnDisk = sqlite3_db_filename(handle, "main").map { $0.pointee != 0 } ?? false
        guard mode == .text("wal") || !isOnDisk else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not enable WAL, journal mode is \(String(describing: mode))")
        }
    }

    /// Runs one or more `;`-separated statements without parameters, e.g. a migration script.
    public func execute(_ sql: String) throws {
        let handle = try liveHandle(for: sql)
        try sql.withCString { text in
            var next: UnsafePointer<CChar>? = text
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                let code = sqlite3_prepare_v2(handle, current, -1, &statement, &next)
                guard code == SQLITE_OK else {
                    throw SQLiteError(database: handle, code: code, sql: sql)
                }
                // Nil when only whitespace or a comment was left.
                guard let statement else {
                    continue
                }
                defer { sqlite3_finalize(statement) }
                var stepCode = sqlite3_step(statement)
                while stepCode == SQLITE_ROW {
                    stepCode = sqlite3_step(statement)
                }
                guard stepCode == SQLITE_DONE else {
                    throw SQLiteError(database: handle, code: stepCode, sql: String(cString: sqlite3_sql(statement)))
                }
            }
        }
    }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func run(_ sql: String, _ parameters: [any SQLiteBindable] = []) throws -> Int {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        try statement.run()
        return Int(sqlite3_changes64(try liveHandle(for: sql)))
    }

    /// Runs one statement and returns all its rows.
    public func query(_ sql: String, _ parameters: [any SQLiteBindable] = []) throws -> [Row] {
        let statement = try prepare(sql)
        // Resetting ends the statement's read snapshot, which would otherwise hold back WAL checkpoints.
        defer { statement.reset() }
        try statement.bind(parameters)
        var rows: [Row] = []
        while let row = try statement.nextRow() {
            rows.append(row)
        }
        return rows
    }

    /// Runs one statement and returns its first row, if any, without stepping further.
    public func queryOne(_ sql: String, _ parameters: [any SQLiteBindable] = []) throws -> Row? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        return try statement.nextRow()
    }

    /// The first column of the first row, or nil when there is no row (a NULL value is `.null`).
    public func scalar(_ sql: String, _ parameters: [any SQLiteBindable] = []) throws -> SQLiteValue? {
        try queryOne(sql, parameters)?.values.first
    }

    /// A prepared statement for `sql`, reset and unbound. Statements are cached by SQL text, because the app
    /// runs the same few statements over and over; see `Statement` for what that means for interleaved use.
    public func prepare(_ sql: String) throws -> Statement {
        let handle = try liveHandle(for: sql)
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: handle, sql: sql)
        // Evicted statements are finalized when their last user lets go of them.
        if statements.count >= configuration.statementCacheCapacity {
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    /// The rowid of the last row inserted through this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Whether a transaction is open: SQLite is out of autocommit mode.
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    public var isClosed: Bool { handle == nil }

    /// Finalizes the cached statements and closes the database. Any later call throws. `sqlite3_close_v2`
    /// defers the actual close until statements still referenced elsewhere are finalized too.
    public func close() {
        guard let handle else {
            return
        }
        for statement in statements.values {
            statement.finalize()
        }
        statements.removeAll()
        tokenizers.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    private func liveHandle(for sql: String?) throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError.misuse("the connection is closed", sql: sql)
        }
        return handle
    }
}
