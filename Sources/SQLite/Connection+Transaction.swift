extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and rethrows its error.
    ///
    /// Called inside another transaction, `body` runs in a savepoint instead, so that its failure undoes only
    /// its own changes; `kind` then has no effect. `.immediate` is the default because the app's transactions
    /// write, and taking the write lock up front means a read-then-write transaction never fails on the upgrade.
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            return try outermostTransaction(kind, body)
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            // Failures here are secondary: the caller needs `body`'s error, and the outer transaction's own
            // rollback still undoes everything if this one could not.
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
    }

    private func outermostTransaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            // A failed COMMIT (e.g. a deferred constraint) leaves the transaction open; the catch rolls it back.
            try execute("COMMIT")
            return result
        } catch {
            // Some errors (I/O, disk full, …) have already rolled the transaction back, and a second ROLLBACK
            // would fail; any other failure to roll back is secondary to `error`.
            if isInTransaction {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }
}
