#if Postgres
import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and rethrows its error.
    ///
    /// Called inside another transaction, `body` runs in a savepoint instead, so that its failure undoes only its
    /// own changes, and the outer transaction can go on (a caught unique violation, say); `isolation` then has no
    /// effect. Under `.repeatableRead` or `.serializable`, be ready to run the whole transaction again when it
    /// fails with an error whose `sqlState.isTransactionRollback`.
    ///
    /// A statement whose error `body` caught has still aborted the transaction, and PostgreSQL would answer COMMIT
    /// by quietly rolling back; this throws `inFailedSQLTransaction` instead, so a lost write is never reported saved.
    @discardableResult
    public func transaction<T>(_ isolation: PostgresIsolationLevel = .readCommitted, _ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            return try outermostTransaction(isolation, body)
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "savepoint_\(savepointDepth)"
        try executeScript("SAVEPOINT \(name)")
        do {
            let result = try body()
            try failIfAborted()
            try executeScript("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            // Rolling back to the savepoint also clears an aborted state. Failures here are secondary: the caller
            // needs `body`'s error, and the outer transaction's rollback still undoes everything.
            try? executeScript("ROLLBACK TO SAVEPOINT \(name)")
            try? executeScript("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    private func outermostTransaction<T>(_ isolation: PostgresIsolationLevel, _ body: () throws -> T) throws -> T {
        try executeScript("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        do {
            let result = try body()
            try failIfAborted()
            // A failed COMMIT (a serialization failure, a deferred constraint) has already ended the transaction.
            try executeScript("COMMIT")
            return result
        } catch {
            // A broken connection has no transaction left to roll back; any other failure to roll back is
            // secondary to `error`.
            if isInTransaction {
                try? executeScript("ROLLBACK")
            }
            throw error
        }
    }

    private func failIfAborted() throws {
        guard isInFailedTransaction else {
            return
        }
        throw PostgresError(
            sqlState: .inFailedSQLTransaction,
            message: "a statement failed inside the transaction, whose error was caught; the transaction was rolled back"
        )
    }
}
#endif
