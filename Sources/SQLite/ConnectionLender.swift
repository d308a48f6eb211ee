import Foundation

/// Lends a fixed set of connections, each to one thread at a time, making threads wait while all are out.
///
/// `@unchecked Sendable` because it moves non-`Sendable` connections between threads. That is safe under one
/// rule, kept by every method here: `idle`, `lentCount` and `isClosed` are touched only while `condition` is
/// locked, and a connection is used only by the thread that borrowed it, until it is given back. The lock's
/// acquire/release orders one borrower's use before the next one's.
final class ConnectionLender: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection]
    private var lentCount = 0
    private var isClosed = false

    init(_ connections: [Connection]) {
        idle = connections
    }

    /// Runs `body` with a borrowed connection. A transaction that `body` left open is rolled back, so that the
    /// next borrower does not inherit it.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try borrow()
        defer {
            if connection.isInTransaction {
                try? connection.execute("ROLLBACK")
            }
            giveBack(connection)
        }
        return try body(connection)
    }

    /// Waits until every lent connection is back, then closes them all. Threads waiting to borrow are woken
    /// and get an error.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        while lentCount > 0 {
            condition.wait()
        }
        let connections = idle
        idle.removeAll()
        condition.unlock()
        for connection in connections {
            connection.close()
        }
    }

    private func borrow() throws -> Connection {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty && !isClosed {
            condition.wait()
        }
        guard !isClosed else {
            throw SQLiteError.misuse("the connection pool is closed")
        }
        lentCount += 1
        return idle.removeLast()
    }

    private func giveBack(_ connection: Connection) {
        condition.lock()
        defer { condition.unlock() }
        idle.append(connection)
        lentCount -= 1
        // Both a waiting borrower and a waiting `close` may be interested.
        condition.broadcast()
    }
}
