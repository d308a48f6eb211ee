import Foundation

/// Commits the writes that queue for the writer connection together: one transaction, and so one
/// sync to disk, for every write waiting when the writer comes free.
///
/// With `synchronous=FULL` each commit waits for the disk, and the writer is held meanwhile, so
/// writers arriving together used to wait for one sync each, in turn. Now the first to find the
/// writer free leads: it takes the writes queued so far (its own among them), runs each in a
/// savepoint of one transaction, commits, and wakes their threads. Each write still succeeds or
/// fails alone (a write that throws rolls back to its savepoint, and the others go on), and none
/// returns before the commit that made it durable; if that commit fails, every write in it fails.
///
/// `@unchecked Sendable` because queued writes hold closures and results of the threads waiting
/// for them. That is safe under one rule, kept here: `queue`, `leading` and each write's `done`
/// and `failure` are touched only while `condition` is locked, and a write's closure runs only
/// while its own thread waits for it, on the leader's thread, with the writer connection.
final class GroupCommit: @unchecked Sendable {
    /// One write waiting to be committed: `run` is the caller's body, in a savepoint.
    final class Write {
        let run: (Connection) -> Void
        var done = false
        /// Set when the transaction holding this write did not commit.
        var failure: (any Error)?

        init(_ run: @escaping (Connection) -> Void) {
            self.run = run
        }
    }

    private let writer: ConnectionLender
    private let condition = NSCondition()
    private var queue: [Write] = []
    private var leading = false
    /// The most writes one transaction takes, so that a long queue is not one long wait.
    private let largestBatch: Int

    init(writer: ConnectionLender, largestBatch: Int = 64) {
        self.writer = writer
        self.largestBatch = largestBatch
    }

    /// Queues `write` and returns once it is committed; throws when its transaction was not.
    func commit(_ write: Write) throws {
        condition.lock()
        queue.append(write)
        while !write.done {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            let batch = Array(queue.prefix(largestBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            let failures = run(batch)
            condition.lock()
            for (queued, failure) in zip(batch, failures) {
                queued.failure = failure
                queued.done = true
            }
            leading = false
            condition.broadcast()
        }
        condition.unlock()
        if let failure = write.failure { throw failure }
    }

    /// Runs `batch` in one transaction; returns, for each write, why it was not committed (nil
    /// when it was).
    private func run(_ batch: [Write]) -> [(any Error)?] {
        var failures: [(any Error)?] = Array(repeating: nil, count: batch.count)
        do {
            try writer.withConnection { db in
                try db.execute("BEGIN IMMEDIATE")
                var since = 0  // the first write of the transaction now open
                for (index, write) in batch.enumerated() {
                    write.run(db)
                    // An I/O error or a full disk makes SQLite roll the whole transaction back:
                    // the writes in it are lost, and the rest go on in a new one.
                    if !db.isInTransaction {
                        for lost in since...index { failures[lost] = SQLiteError.misuse("the transaction was rolled back") }
                        since = index + 1
                        if index + 1 < batch.count { try db.execute("BEGIN IMMEDIATE") }
                    }
                }
                if db.isInTransaction { try db.execute("COMMIT") }
            }
        } catch {
            // BEGIN or COMMIT failed (`withConnection` rolled back): nothing not yet marked committed was.
            for index in failures.indices where failures[index] == nil { failures[index] = error }
        }
        return failures
    }
}
