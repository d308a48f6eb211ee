/// How a transaction takes SQLite's write lock.
public enum TransactionKind: String, Sendable {
    /// Takes no lock until the first read or write. A transaction that reads and then writes can then fail with
    /// `SQLITE_BUSY` on the upgrade, without waiting, when another connection wrote in between.
    case deferred = "DEFERRED"
    /// Takes the write lock at `BEGIN`, waiting for it under the busy timeout. The default for writers: the
    /// upgrade never happens, so neither does that failure.
    case immediate = "IMMEDIATE"
    /// In WAL mode the same as `immediate`.
    case exclusive = "EXCLUSIVE"
}
