import CSQLite

extension Connection {
    /// Copies this connection's database, as one consistent snapshot, into a new single-file
    /// database at `path` with SQLite's online backup API. It runs in one step, so it reads from
    /// one read transaction: in WAL mode writers carry on meanwhile, and none of their commits is
    /// half in the copy. The copy leaves WAL mode, so it is one self-contained file.
    public func backup(to path: String) throws {
        guard let source = handle else { throw SQLiteError.misuse("the connection is closed") }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, nil)
        defer { sqlite3_close_v2(opened) }
        guard code == SQLITE_OK, let destination = opened else {
            throw SQLiteError(code: code, message: "cannot open the backup file \(path)")
        }
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(database: destination, code: sqlite3_extended_errcode(destination), sql: nil)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE else {
            throw SQLiteError(code: stepped, message: "backup to \(path): \(String(cString: sqlite3_errstr(stepped)))")
        }
        guard finished == SQLITE_OK else { throw SQLiteError(database: destination, code: finished, sql: nil) }
        let journal = "PRAGMA journal_mode = DELETE"
        let switched = sqlite3_exec(destination, journal, nil, nil, nil)
        guard switched == SQLITE_OK else { throw SQLiteError(database: destination, code: switched, sql: journal) }
    }
}
