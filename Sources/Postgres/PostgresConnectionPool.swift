#if Postgres
import Foundation

/// Shares up to `capacity` connections to one PostgreSQL database between the threads of a server, making threads
/// wait while all are in use. Connections open as needed, up to the capacity, and are kept for the next borrower.
///
/// A connection comes back clean: a transaction left open is rolled back and advisory locks left held are
/// released; a connection that is broken, or cannot be cleaned, is closed and replaced by a new one when needed.
///
/// `@unchecked Sendable` because it moves non-`Sendable` connections between threads. That is safe under one rule,
/// kept by every method here: `idle`, `lentCount` and `isClosed` are touched only while `condition` is locked, and
/// a connection is used only by the thread that borrowed it, until it is given back. The lock's acquire/release
/// orders one borrower's use before the next one's.
///
/// A `withConnection` body must not borrow again from the same pool: with every connection lent, it would wait
/// for itself.
public final class PostgresConnectionPool: @unchecked Sendable {
    public let capacity: Int
    private let connect: @Sendable () throws -> PostgresConnection
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections lent out or being opened.
    private var lentCount = 0
    private var isClosed = false

    /// Opens one connection at once, so that a wrong `conninfo` or an unreachable server fails at start-up.
    public convenience init(conninfo: String, capacity: Int = 4) throws {
        try self.init(capacity: capacity) { try PostgresConnection(conninfo: conninfo) }
    }

    /// `connect` opens a new connection; it is called on the borrowing thread, outside the pool's lock.
    public init(capacity: Int, connect: @escaping @Sendable () throws -> PostgresConnection) throws {
        precondition(capacity > 0, "a connection pool needs room for at least one connection")
        self.capacity = capacity
        self.connect = connect
        idle = [try connect()]
    }

    /// Runs `body` with a connection of its own, waiting while `capacity` connections are in use.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    /// Waits for connections in use to come back, then closes every connection; later calls throw. Threads
    /// waiting to borrow are woken and get an error.
    public func close() {
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

    private func borrow() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && lentCount >= capacity && !isClosed {
            condition.wait()
        }
        guard !isClosed else {
            condition.unlock()
            throw PostgresError(sqlState: .connectionDoesNotExist, message: "the connection pool is closed")
        }
        lentCount += 1
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        // A slot is taken for the new connection before the lock is let go, so that the capacity holds while
        // connecting, which takes a network round trip or several.
        condition.unlock()
        do {
            return try connect()
        } catch {
            giveBack(nil)
            throw error
        }
    }

    /// Returns a connection, or nil for one that could not be opened, and wakes a waiting borrower or `close`.
    private func giveBack(_ connection: PostgresConnection?) {
        let reusable = connection.map(Self.clean) ?? false
        if !reusable {
            connection?.close()
        }
        condition.lock()
        defer { condition.unlock() }
        if reusable, let connection {
            idle.append(connection)
        }
        lentCount -= 1
        condition.broadcast()
    }

    /// Rolls back a transaction the borrower left open and releases advisory locks it left held, so that the next
    /// borrower inherits neither. False when the connection is broken or could not be cleaned.
    private static func clean(_ connection: PostgresConnection) -> Bool {
        do {
            if connection.isInTransaction {
                try connection.executeScript("ROLLBACK")
            }
            if connection.advisoryLockCount != 0 {
                try connection.releaseAllAdvisoryLocks()
            }
        } catch {
            return false
        }
        return !connection.isClosed
    }
}
#endif
