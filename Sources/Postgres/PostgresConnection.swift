#if Postgres
import CLibPQ
import Foundation

/// An open connection to a PostgreSQL server, through libpq.
///
/// A connection is used by one thread at a time, which is why it is not `Sendable`: libpq allows a connection to
/// move between threads but not to be used by two at once. Threads share connections through
/// `PostgresConnectionPool`, which hands each one over under its own lock.
///
/// Every statement with parameters is prepared once per connection (`PQprepare`) and run with its parameters
/// bound (`PQexecPrepared`), never interpolated into the SQL. Values cross in PostgreSQL's text format.
public final class PostgresConnection {
    private var handle: OpaquePointer?
    public let statementCacheCapacity: Int
    /// The names of the statements prepared on this connection, by SQL text and parameter types.
    private var statements: [StatementKey: String] = [:]
    /// Numbers the prepared statements; names are never reused on one connection.
    private var preparedCount = 0
    /// How many savepoints `transaction` has open inside the current transaction; names them uniquely.
    var savepointDepth = 0
    /// Session-level advisory locks taken and not yet released, counting re-entries; the pool releases any left.
    var advisoryLockCount = 0

    /// Opens a connection. `conninfo` is a libpq connection string, as a URI (`postgres://cpor@127.0.0.1:5432/cpor`)
    /// or as `key=value` pairs; it may name a password, which no error repeats. The client encoding is UTF-8
    /// whatever `conninfo` says, because Swift strings are.
    public init(conninfo: String, statementCacheCapacity: Int = 100) throws {
        self.statementCacheCapacity = statementCacheCapacity
        // A libpq built without thread safety could not be used from a server's threads at all.
        guard PQisthreadsafe() != 0 else {
            throw PostgresError(sqlState: .unableToConnect, message: "the system libpq was built without thread support")
        }
        // With expand_dbname, `dbname` is read as a whole connection string; a keyword after it overrides the
        // string's own, and `fallback_application_name` applies only when the string names none.
        let connection = Self.withCStrings(["fallback_application_name", "dbname", "client_encoding"]) { keywords in
            Self.withCStrings(["cpor", conninfo, "UTF8"]) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let connection else {
            throw PostgresError(sqlState: .unableToConnect, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            // Even a failed connection holds memory that PQfinish frees.
            PQfinish(connection)
            throw PostgresError(sqlState: .unableToConnect, message: message)
        }
        // libpq prints the server's notices (e.g. "relation already exists, skipping") to stderr by default;
        // a library must not write there.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
        do {
            // Decoding reads bytea in hex, PostgreSQL's default output, which a server or role may have changed.
            try executeScript("SET bytea_output = 'hex'")
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Runs one statement with its parameters bound to `$1`, `$2`, … and returns how many rows it inserted,
    /// updated, deleted or returned (0 for statements that touch no rows, such as CREATE TABLE).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs one statement with its parameters bound to `$1`, `$2`, … and returns all its rows.
    public func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> [PostgresRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Self.rows(of: result)
    }

    /// The first row, if any. The server still sends every row the statement yields: limit it in the SQL.
    public func queryOne(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> PostgresRow? {
        try query(sql, parameters).first
    }

    /// Runs one or more `;`-separated statements without parameters, e.g. a migration script. Unless the script
    /// itself says BEGIN and COMMIT, PostgreSQL runs it as one transaction: a failing statement undoes the others.
    public func executeScript(_ sql: String) throws {
        let handle = try liveHandle(for: sql)
        PQclear(try check(PQexec(handle, sql), on: handle, sql: sql))
    }

    /// Whether a transaction is open, including one that a failed statement has aborted. A broken connection
    /// has none: the server rolled it back when the connection ended.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Whether a statement failed in the open transaction, which then refuses everything until it is rolled back.
    public var isInFailedTransaction: Bool {
        handle.map { PQtransactionStatus($0) == PQTRANS_INERROR } ?? false
    }

    /// Whether the connection is closed or broken (the server went away, the network failed): it cannot be used again.
    public var isClosed: Bool {
        handle.map { PQstatus($0) != CONNECTION_OK } ?? true
    }

    /// Closes the connection; the server drops its prepared statements, locks and open transaction. Any later
    /// call throws.
    public func close() {
        guard let handle else {
            return
        }
        PQfinish(handle)
        self.handle = nil
        statements.removeAll()
    }

    private func run(_ sql: String, _ parameters: [(any PostgresBindable)?]) throws -> OpaquePointer {
        let handle = try liveHandle(for: sql)
        let parameters = try ParameterList(parameters.map { $0?.postgresValue ?? .null }, sql: sql)
        let name = try prepared(sql, types: parameters.types, on: handle)
        let result = parameters.withTexts { texts in
            // Null lengths and formats: every parameter is text, which libpq reads up to its NUL; 0: text results.
            PQexecPrepared(handle, name, parameters.count, texts, nil, nil, 0)
        }
        return try check(result, on: handle, sql: sql)
    }

    /// The name of the statement prepared for `sql` with these parameter types, preparing it the first time.
    /// The types are part of the key because a statement's parameter types are fixed when it is prepared: NULL
    /// first and a bytea later must not share a statement that inferred text for that parameter.
    private func prepared(_ sql: String, types: [UInt32], on handle: OpaquePointer) throws -> String {
        let key = StatementKey(sql: sql, types: types)
        if let name = statements[key] {
            return name
        }
        if statements.count >= statementCacheCapacity {
            // Prepared statements belong to the session, not to a transaction: this holds even if one rolls back.
            try executeScript("DEALLOCATE ALL")
            statements.removeAll()
        }
        preparedCount += 1
        let name = "cpor_\(preparedCount)"
        let result = types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql, Int32(types.count), types.baseAddress)
        }
        PQclear(try check(result, on: handle, sql: sql))
        statements[key] = name
        return name
    }

    /// Returns `result` if the statement succeeded; otherwise frees it and throws its error.
    private func check(_ result: OpaquePointer?, on handle: OpaquePointer, sql: String) throws -> OpaquePointer {
        guard let result else {
            // No result at all: libpq ran out of memory or lost the connection; its message says which.
            throw PostgresError(connection: handle, sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            // The connection now waits for COPY data this module never sends; ending it is the only way out.
            close()
            throw PostgresError(sqlState: .featureNotSupported, message: "COPY is not supported; the connection was closed", sql: sql)
        default:
            defer { PQclear(result) }
            throw PostgresError(result: result, connection: handle, sql: sql)
        }
    }

    private func liveHandle(for sql: String?) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(sqlState: .connectionDoesNotExist, message: "the connection is closed", sql: sql)
        }
        return handle
    }

    private static func rows(of result: OpaquePointer) -> [PostgresRow] {
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        return (0..<PQntuples(result)).map { row in
            let values = (0..<columnCount).map { column -> PostgresValue in
                guard PQgetisnull(result, row, column) == 0, let text = PQgetvalue(result, row, column) else {
                    return .null
                }
                // Read by byte count rather than up to a NUL, so that nothing can cut the value short.
                let bytes = UnsafeRawBufferPointer(start: text, count: Int(PQgetlength(result, row, column)))
                return PostgresValue(type: types[Int(column)], text: String(decoding: bytes, as: UTF8.self))
            }
            return PostgresRow(columns: columns, values: values)
        }
    }

    /// libpq's messages end with a newline, and a failed connection's may hold one line per address tried.
    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        var text = String(cString: message)
        while text.last?.isNewline == true {
            text.removeLast()
        }
        return text
    }

    /// Calls `body` with `strings` as a NULL-terminated array of C strings, as PQconnectdbParams takes them.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

private struct StatementKey: Hashable {
    let sql: String
    let types: [UInt32]
}
#endif
