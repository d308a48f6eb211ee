/// Shares one database file between the threads of a server: one writer connection and several read-only
/// reader connections.
///
/// In WAL mode readers do not block the writer or one another, so reads run in parallel, each seeing the last
/// committed state. SQLite allows only one writer at a time; funnelling all writes through one connection
/// behind a lock makes writers queue here instead of failing with `SQLITE_BUSY` inside the process.
///
/// A `read` or `write` body must not call back into the same kind on the same pool (a `write` inside a
/// `write`): it would wait for the connection it is holding. Use `Connection.transaction` for nesting.
public final class ConnectionPool: Sendable {
    public let path: String
    private let writer: ConnectionLender
    private let readers: ConnectionLender

    /// Opens the writer first, so that the file exists and is in WAL mode before the readers open it.
    public init(path: String, readers readerCount: Int = 4, configuration: ConnectionConfiguration = .init()) throws {
        precondition(readerCount > 0, "a connection pool needs at least one reader")
        self.path = path
        let writer = try Connection(path: path, configuration: configuration)
        var readerConfiguration = configuration
        readerConfiguration.readOnly = true
        let readers = try (0..<readerCount).map { _ in
            try Connection(path: path, configuration: readerConfiguration)
        }
        self.writer = ConnectionLender([writer])
        self.readers = ConnectionLender(readers)
    }

    /// Runs `body` with one of the read-only connections, waiting while all are in use. Several reads that
    /// must agree with one another belong in one `transaction(.deferred)`, which reads from one snapshot.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection(body)
    }

    /// Runs `body` with the writer connection, waiting while another thread has it.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.withConnection(body)
    }

    /// Waits for connections in use to come back, then closes every connection; later calls throw.
    public func close() {
        readers.close()
        writer.close()
    }
}
