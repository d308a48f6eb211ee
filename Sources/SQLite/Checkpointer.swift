import CSQLite
import Foundation

/// Copies the write-ahead log back into the database file on a thread of its own, so that the
/// writer seldom waits for it.
///
/// Left to itself SQLite checkpoints inside the commit that takes the log past 1,000 pages: with
/// `synchronous=FULL` that commit writes those pages into the database file and syncs it, while
/// every write queued behind it waits. Here the writer's commit hook only counts the log's pages
/// and, past `threshold`, wakes this thread, which runs passive checkpoints on its own connection:
/// they copy what no reader still needs and never block the writer or the readers.
///
/// A log is only reused from its start once a checkpoint has copied all of it, which a checkpoint
/// running beside the writer never quite does. So once the thread has copied all but a few pages,
/// the next commit checkpoints that remainder itself, which is quick, and the log starts over.
/// Should the thread fall far behind (`threshold` × 8 pages), the writer checkpoints whatever is
/// left, as SQLite would, so the log stays bounded whatever happens here.
///
/// The usual threshold is 4,000 pages (16 MB of log), not SQLite's 1,000 (see
/// `ConnectionConfiguration.checkpointThreshold`). Claim writes change the same pages over and
/// over (the ends of the history, comment and outbox tables, the newest entries of the indexes
/// on `updated_at`), and each checkpoint copies them into the database file again and syncs it,
/// while the writer's own commits wait for the same disk: at 1,000 pages, several times a
/// second under a steady write load. A longer log makes fewer, larger checkpoints, whose syncs
/// the commits beside them wait longer for; 4,000 pages is where the write rate stopped rising.
///
/// `@unchecked Sendable` because the connection is not: it is used only by this object's thread,
/// and `phase`, `stopping` and `completed` are touched only while `condition` is locked.
final class Checkpointer: @unchecked Sendable {
    private enum Phase {
        case waiting, copying, copied, finished
    }

    private let connection: Connection
    private let threshold: Int32
    /// Pages the thread may leave for the writer's own checkpoint.
    private let remainder: Int32 = 64
    private let condition = NSCondition()
    private var phase = Phase.waiting
    private var stopping = false
    private var completed = 0

    /// Opens a connection of its own to `path`, starts its thread, and takes over checkpointing
    /// from `writer`'s commits.
    init(writer: Connection, path: String, configuration: ConnectionConfiguration) throws {
        connection = try Connection(path: path, configuration: configuration)
        threshold = configuration.checkpointThreshold
        guard let handle = writer.handle else { throw SQLiteError.misuse("the writer is closed") }
        // Replaces SQLite's automatic checkpoint, which is itself a commit hook.
        sqlite3_wal_hook(handle, { context, db, _, pages in
            guard let context else { return SQLITE_OK }
            Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().committed(pages: pages, on: db)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-checkpoint"
        thread.start()
    }

    /// Called by SQLite on the writer's thread after each commit, with the log's length in pages.
    private func committed(pages: Int32, on db: OpaquePointer?) {
        guard pages >= threshold else { return }
        condition.lock()
        let phase = phase
        switch phase {
        case .waiting:
            self.phase = .copying
            condition.broadcast()
        case .copied:
            self.phase = .waiting
        case .copying, .finished:
            break
        }
        condition.unlock()
        if phase == .copied || pages >= threshold * 8 {
            sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }

    private func run() {
        condition.lock()
        while true {
            while !stopping && phase != .copying { condition.wait() }
            if stopping { break }
            condition.unlock()
            // Copies until little is left; busy (another checkpoint, a backup) or failed: the writer's
            // own checkpoint, or the next round, takes over.
            var rounds = 0
            while rounds < 4, let handle = connection.handle {
                var logPages: Int32 = 0, copiedPages: Int32 = 0
                let code = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copiedPages)
                rounds += 1
                if code != SQLITE_OK || logPages - copiedPages <= remainder { break }
            }
            condition.lock()
            completed += 1
            if phase == .copying { phase = .copied }
        }
        phase = .finished
        condition.broadcast()
        condition.unlock()
    }

    /// Checkpoints run so far.
    var checkpoints: Int {
        condition.lock()
        defer { condition.unlock() }
        return completed
    }

    /// Stops the thread, after the checkpoint it may be running, and closes its connection. The
    /// writer's hook must be gone first (closing the writer removes it), or a commit could call a
    /// stopped checkpointer.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while phase != .finished { condition.wait() }
        condition.unlock()
        connection.close()
    }
}
