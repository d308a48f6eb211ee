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
/// Each write's savepoint keeps the original of every page the write changes, so that it can be
/// undone alone. SQLite keeps that journal in memory only up to 64 KiB and then in a temporary
/// file, which a transaction of eight claim updates already outgrew: every commit created, wrote
/// about 1.4 MB into and deleted a file in /var/tmp, on the writer's time. So transactions of
/// ordinary writes keep the journal in memory (`PRAGMA temp_store = MEMORY`; each write's release
/// empties it again), and a write that may change many megabytes (`ConnectionPool.writeLarge`)
/// runs in a transaction of its own with SQLite's temporary files. (Raising SQLite's 64 KiB instead,
/// `SQLITE_CONFIG_STMTJRNL_SPILL`, makes the system SQLite, 3.40, fail such a transaction with
/// SQLITE_FULL once its journal passes the new limit.)
///
/// `@unchecked Sendable` because queued writes hold closures and results of the threads waiting
/// for them. That is safe under one rule, kept here: `queue`, `leading` and each write's `done`
/// and `failure` are touched only while `condition` is locked, `journalsInMemory` only by the
/// leader, and a write's closure runs only while its own thread waits for it, on the leader's
/// thread, with the writer connection.
final class GroupCommit: @unchecked Sendable {
    /// One write waiting to be committed: `run` is the caller's body, in a savepoint.
    final class Write {
        let run: (Connection) -> Void
        /// Whether the write's savepoint journal may stay in memory (see `ConnectionPool.write`);
        /// a write whose journal may not runs in a transaction of its own.
        let journalInMemory: Bool
        var done = false
        /// Set when the transaction holding this write did not commit.
        var failure: (any Error)?

        init(journalInMemory: Bool = true, _ run: @escaping (Connection) -> Void) {
            self.journalInMemory = journalInMemory
            self.run = run
        }
    }

    private let writer: ConnectionLender
    private let condition = NSCondition()
    private var queue: [Write] = []
    private var leading = false
    /// The most writes one transaction takes, so that a long queue is not one long wait.
    private let largestBatch: Int
    /// Where the writer keeps its journals now: `PRAGMA temp_store`, MEMORY (true) or DEFAULT
    /// (false); nil before the first transaction. Touched only by the leader.
    private var journalsInMemory: Bool?

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
            let batch = nextBatch()
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

    /// Takes the writes at the head of the queue that share one transaction: up to `largestBatch`
    /// whose journals may stay in memory, or one whose journal may not. Called with `condition`
    /// locked, by a leader whose own write is queued, so the queue is not empty.
    private func nextBatch() -> [Write] {
        var count = 1
        if queue[0].journalInMemory {
            while count < min(queue.count, largestBatch), queue[count].journalInMemory { count += 1 }
        }
        let batch = Array(queue.prefix(count))
        queue.removeFirst(count)
        return batch
    }

    /// Runs `batch` in one transaction; returns, for each write, why it was not committed (nil
    /// when it was).
    private func run(_ batch: [Write]) -> [(any Error)?] {
        var failures: [(any Error)?] = Array(repeating: nil, count: batch.count)
        do {
            try writer.withConnection { db in
                // SQLite decides where a transaction's journals go when it begins.
                let inMemory = batch[0].journalInMemory
                if journalsInMemory != inMemory {
                    try db.execute(inMemory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT")
                    journalsInMemory = inMemory
                }
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
