#if Postgres
extension PostgresConnection {
    /// Takes the session-level advisory lock `key` if no other session holds it, without waiting. Nodes sharing a
    /// database use these to let one of them at a time do a job (a timer sweep, a migration). The session may
    /// take a lock it holds again; it then needs as many unlocks.
    public func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        let locked = try queryOne("SELECT pg_try_advisory_lock($1) AS locked", [key])?.bool("locked") ?? false
        if locked {
            advisoryLockCount += 1
        }
        return locked
    }

    /// Releases the advisory lock `key` once; false when this session did not hold it.
    @discardableResult
    public func advisoryUnlock(_ key: Int64) throws -> Bool {
        let unlocked = try queryOne("SELECT pg_advisory_unlock($1) AS unlocked", [key])?.bool("unlocked") ?? false
        if unlocked {
            advisoryLockCount -= 1
        }
        return unlocked
    }

    /// Runs `body` holding the advisory lock `key`, and releases the lock after it, even when it throws. Returns
    /// false, without running `body`, when another session holds the lock.
    ///
    /// The lock belongs to the session, not to a transaction: a rollback inside `body` keeps it.
    public func withAdvisoryLock(_ key: Int64, _ body: () throws -> Void) throws -> Bool {
        guard try tryAdvisoryLock(key) else {
            return false
        }
        do {
            try body()
        } catch {
            // An aborted transaction refuses the unlock too; the pool releases what is left when the connection
            // comes back, and closing the connection releases everything.
            _ = try? advisoryUnlock(key)
            throw error
        }
        try advisoryUnlock(key)
        return true
    }

    /// Releases every advisory lock this session holds.
    func releaseAllAdvisoryLocks() throws {
        try execute("SELECT pg_advisory_unlock_all()")
        advisoryLockCount = 0
    }
}
#endif
