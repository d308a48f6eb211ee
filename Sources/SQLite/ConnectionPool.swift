/// Shares one database file between the threads of a server: one writer connection and several read-only
/// reader connections.
///
/// In WAL mode readers do not block the writer or one another, so reads run in parallel, each seeing the last
/// committed state. SQLite allows only one writer at a time; funnelling all writes through one connection
/// behind a lock makes writers queue here instead of failing with `SQLITE_BUSY` inside the process.
///
/// Writes that queue for the writer are committed together (see `GroupCommit`): a `write` body runs in
/// a savepoint of a transaction it may share, and returns once that transaction is committed. So a body
/// never runs BEGIN, COMMIT or ROLLBACK itself; `Connection.transaction` nests in savepoints.
///
/// The log is checkpointed by a thread of the pool's own (see `Checkpointer`), never inside a commit.
///
/// A `read` or `write` body must not call back into the same kind on the same pool (a `write` inside a
/// `write`): it would wait for the connection it is holding. Use `Connection.transaction` for nesting.
public final class ConnectionPool: Sendable {
    public let path: String
    private let writer: ConnectionLender
    private let readers: ConnectionLender
    private let commits: GroupCommit
    private let checkpointer: Checkpointer?

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
        let isFile = !path.isEmpty && path != ":memory:" && !path.hasPrefix("file::memory:")
        checkpointer = configuration.readOnly || !isFile ? nil
            : try Checkpointer(writer: writer, path: path, configuration: configuration)
        self.writer = ConnectionLender([writer])
        self.readers = ConnectionLender(readers)
        commits = GroupCommit(writer: self.writer)
    }

    deinit {
        close()
    }

    /// Runs `body` with one of the read-only connections, waiting while all are in use. Several reads that
    /// must agree with one another belong in one `transaction(.deferred)`, which reads from one snapshot.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection(body)
    }

    /// Runs `body` with the writer connection, in a savepoint of a transaction that other writes
    /// queued meanwhile may share, and returns once it is committed. Its changes are undone when it
    /// throws, or when the transaction fails to commit. The originals of the pages it changes are
    /// kept in memory until then: a write that may change many megabytes uses `writeLarge`.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try write(journalInMemory: true, body)
    }

    /// `write` for a change that may run to many megabytes (a migration, a bulk load, an import, a
    /// sweep over many rows): it runs in a transaction of its own, whose journals SQLite keeps in
    /// temporary files rather than in memory.
    @discardableResult
    public func writeLarge<T>(_ body: (Connection) throws -> T) throws -> T {
        try write(journalInMemory: false, body)
    }

    private func write<T>(journalInMemory: Bool, _ body: (Connection) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var outcome: Result<T, any Error>?
            // Runs on the leader's thread while this one waits in `commit`, which orders it before
            // this thread reads `outcome`.
            let write = GroupCommit.Write(journalInMemory: journalInMemory) { db in
                outcome = Result { try db.transaction { try body(db) } }
            }
            try commits.commit(write)
            guard let outcome else { throw SQLiteError.misuse("a write was not run") }
            return try outcome.get()
        }
    }

    /// Waits for connections in use to come back, then closes every connection; later calls throw.
    public func close() {
        readers.close()
        writer.close()
        // After the writer, whose commits call the checkpointer. Its connection closes last, and so
        // checkpoints the whole log and removes it, as the last connection to a database does.
        checkpointer?.stop()
    }

    /// Checkpoints the pool's own thread has run, for tests.
    var checkpoints: Int { checkpointer?.checkpoints ?? 0 }
}
