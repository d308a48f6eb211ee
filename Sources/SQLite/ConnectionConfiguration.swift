/// How a `Connection` is opened. All its limits live here so that the app sets them in one place.
public struct ConnectionConfiguration: Sendable {
    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    public var busyTimeout: Duration
    /// Opens the file with `SQLITE_OPEN_READONLY`: writes fail with `SQLITE_READONLY`, and a missing file is not created.
    public var readOnly: Bool
    /// How many prepared statements a connection keeps. The app's SQL is a fixed set of strings, so the cache
    /// settles well below this; the cap only matters if SQL is ever built per request.
    public var statementCacheCapacity: Int
    /// How long the write-ahead log grows, in pages, before a pool's thread copies it back into the
    /// database file (see `Checkpointer`).
    public var checkpointThreshold: Int32

    public init(busyTimeout: Duration = .seconds(5), readOnly: Bool = false, statementCacheCapacity: Int = 100,
                checkpointThreshold: Int32 = 4_000) {
        self.busyTimeout = busyTimeout
        self.readOnly = readOnly
        self.statementCacheCapacity = statementCacheCapacity
        self.checkpointThreshold = checkpointThreshold
    }

    /// The busy timeout as `sqlite3_busy_timeout` takes it, clamped to what an `Int32` holds.
    var busyTimeoutMilliseconds: Int32 {
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, milliseconds))
    }
}
