#if Postgres
import Foundation
import Testing
import Postgres

@Suite struct PostgresConnectionPoolTests {
    private func pool(capacity: Int, _ body: (PostgresConnectionPool, String) throws -> Void) throws {
        let table = TestCluster.uniqueTableName("pool")
        let pool = try PostgresConnectionPool(conninfo: try TestCluster.conninfo(), capacity: capacity)
        defer {
            try? pool.withConnection { try $0.executeScript("DROP TABLE IF EXISTS \(table)") }
            pool.close()
        }
        try pool.withConnection { try $0.executeScript("CREATE TABLE \(table) (id int PRIMARY KEY, value bigint NOT NULL)") }
        try body(pool, table)
    }

    /// Runs `body` on `count` real threads at once, as the server's request threads would, and waits for all.
    private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test func concurrentBorrowersStayWithinTheCapacityAndLoseNoUpdate() throws {
        try pool(capacity: 3) { pool, table in
            try pool.withConnection { try $0.execute("INSERT INTO \(table) VALUES (0, 0)") }
            let threads = 8, increments = 25
            let failures = Locked<[String]>([])
            let lent = Locked((now: 0, most: 0))
            let backends = Locked(Set<Int64>())
            onThreads(threads) { thread in
                for step in 0..<increments {
                    do {
                        try pool.withConnection { connection in
                            lent.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                            defer { lent.withLock { $0.now -= 1 } }
                            try connection.transaction {
                                let row = try connection.queryOne("SELECT value FROM \(table) WHERE id = 0 FOR UPDATE")
                                let value = try row?.int64("value") ?? -1
                                try connection.execute("UPDATE \(table) SET value = $1 WHERE id = 0", [value + 1])
                                try connection.execute("INSERT INTO \(table) VALUES ($1, $2)", [1 + thread * increments + step, value])
                            }
                            let pid = try connection.queryOne("SELECT pg_backend_pid() AS pid")?.int64("pid") ?? 0
                            backends.withLock { _ = $0.insert(pid) }
                        }
                    } catch {
                        failures.withLock { $0.append("thread \(thread), step \(step): \(error)") }
                    }
                }
            }
            #expect(failures.current == [])
            #expect(lent.current.most <= 3)
            #expect(backends.current.count <= 3)
            let total = try pool.withConnection { try $0.queryOne("SELECT value FROM \(table) WHERE id = 0")?.int64("value") }
            #expect(total == Int64(threads * increments))
            // Each increment saw a different value: none was lost to a race.
            let distinct = try pool.withConnection {
                try $0.queryOne("SELECT count(DISTINCT value) AS n FROM \(table) WHERE id > 0")?.int64("n")
            }
            #expect(distinct == Int64(threads * increments))
        }
    }

    @Test func aTransactionLeftOpenIsRolledBackBeforeTheNextBorrower() throws {
        try pool(capacity: 1) { pool, table in
            try pool.withConnection { connection in
                try connection.executeScript("BEGIN")
                try connection.execute("INSERT INTO \(table) VALUES (1, 1)")
            }
            let (inTransaction, rows) = try pool.withConnection { connection in
                (connection.isInTransaction, try connection.query("SELECT id FROM \(table)"))
            }
            #expect(!inTransaction)
            #expect(rows.isEmpty)
        }
    }

    @Test func advisoryLocksLeftHeldAreReleasedOnReturn() throws {
        try pool(capacity: 1) { pool, _ in
            let key = TestCluster.uniqueLockKey()
            #expect(try pool.withConnection { try $0.tryAdvisoryLock(key) })
            let other = try TestCluster.connect()
            #expect(try other.tryAdvisoryLock(key))
        }
    }

    @Test func aBrokenConnectionIsReplaced() throws {
        try pool(capacity: 1) { pool, _ in
            let first = try pool.withConnection { connection -> Int64? in
                let pid = try connection.queryOne("SELECT pg_backend_pid() AS pid")?.int64("pid")
                _ = try? connection.query("SELECT pg_terminate_backend(pg_backend_pid())")
                #expect(connection.isClosed)
                return pid
            }
            let second = try pool.withConnection { try $0.queryOne("SELECT pg_backend_pid() AS pid")?.int64("pid") }
            #expect(first != nil && second != nil && first != second)
        }
    }

    @Test func aClosedPoolRefusesBorrowers() throws {
        let pool = try PostgresConnectionPool(conninfo: try TestCluster.conninfo(), capacity: 2)
        pool.close()
        let error = try #require(throws: PostgresError.self) { try pool.withConnection { _ in } }
        #expect(error.sqlState == .connectionDoesNotExist)
    }

    @Test func aWrongConninfoFailsWhenThePoolIsMade() throws {
        #expect(throws: PostgresError.self) {
            try PostgresConnectionPool(conninfo: "postgres://cpor@127.0.0.1:1/cpor?connect_timeout=2")
        }
    }
}
#endif
