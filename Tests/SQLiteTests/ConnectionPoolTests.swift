import Foundation
import Testing
@testable import SQLite
import TestSupport

@Suite struct ConnectionPoolTests {
    private func pool(readers: Int = 4, _ body: (ConnectionPool) throws -> Void) throws {
        try TemporaryDatabase.withPath { path in
            let pool = try ConnectionPool(path: path, readers: readers)
            defer { pool.close() }
            try pool.write { try $0.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY, title TEXT NOT NULL)") }
            try body(pool)
        }
    }

    @Test func readersSeeCommittedWrites() throws {
        try pool { pool in
            try pool.write { try $0.run("INSERT INTO claim (title) VALUES (?)", ["Water damage"]) }
            let title = try pool.read { try $0.scalar("SELECT title FROM claim") }
            #expect(title == .text("Water damage"))
        }
    }

    @Test func readersAreReadOnly() throws {
        try pool { pool in
            let error = try #require(throws: SQLiteError.self) {
                try pool.read { try $0.run("INSERT INTO claim (title) VALUES ('x')") }
            }
            #expect(error.primaryCode == 8) // SQLITE_READONLY
        }
    }

    @Test func readerKeepsItsSnapshotWhileTheWriterCommits() throws {
        try pool { pool in
            try pool.read { reader in
                try reader.transaction(.deferred) {
                    #expect(try reader.scalar("SELECT count(*) FROM claim") == .integer(0))
                    // In WAL mode the writer commits while the read transaction is open…
                    try pool.write { try $0.run("INSERT INTO claim (title) VALUES ('new')") }
                    // …and the reader goes on reading its snapshot.
                    #expect(try reader.scalar("SELECT count(*) FROM claim") == .integer(0))
                }
                #expect(try reader.scalar("SELECT count(*) FROM claim") == .integer(1))
            }
        }
    }

    @Test func concurrentReadsWhileTheWriterWrites() throws {
        try pool { pool in
            let rowsToWrite = 100
            let failures = Locked<[String]>([])
            let writerDone = Locked(false)
            ThreadGroup.run(5) { index in
                do {
                    if index == 0 {
                        for number in 1...rowsToWrite {
                            try pool.write { connection in
                                try connection.transaction {
                                    try connection.run("INSERT INTO claim (title) VALUES (?)", ["claim \(number)"])
                                }
                            }
                        }
                        writerDone.withLock { $0 = true }
                        return
                    }
                    var lastSeen = 0
                    while !writerDone.current {
                        let count = try pool.read { try $0.scalar("SELECT count(*) FROM claim") }
                        guard case .integer(let seen) = count, seen >= lastSeen else {
                            failures.withLock { $0.append("reader \(index) saw \(String(describing: count)) after \(lastSeen)") }
                            return
                        }
                        lastSeen = Int(seen)
                    }
                } catch {
                    failures.withLock { $0.append("thread \(index): \(error)") }
                }
            }
            #expect(failures.current == [])
            let count = try pool.read { try $0.scalar("SELECT count(*) FROM claim") }
            #expect(count == .integer(Int64(rowsToWrite)))
        }
    }

    @Test func readsRunInParallel() throws {
        let peak = try peakConcurrentReads(readers: 4, threads: 4)
        #expect(peak > 1)
    }

    @Test func readsWaitWhileAllReadersAreBusy() throws {
        let peak = try peakConcurrentReads(readers: 2, threads: 4)
        #expect(peak == 2)
    }

    /// The most reads in progress at once when `threads` threads each hold a reader for a while.
    private func peakConcurrentReads(readers: Int, threads: Int) throws -> Int {
        var peak = 0
        try pool(readers: readers) { pool in
            let counts = Locked((current: 0, peak: 0, failures: 0))
            ThreadGroup.run(threads) { _ in
                do {
                    try pool.read { connection in
                        counts.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
                        _ = try connection.scalar("SELECT count(*) FROM claim")
                        Thread.sleep(forTimeInterval: 0.1)
                        counts.withLock { $0.current -= 1 }
                    }
                } catch {
                    counts.withLock { $0.failures += 1 }
                }
            }
            #expect(counts.current.failures == 0)
            peak = counts.current.peak
        }
        return peak
    }

    @Test func writesFromManyThreadsAreSerializedWithoutBusyErrors() throws {
        try pool { pool in
            try pool.write { try $0.execute("CREATE TABLE counter (value INTEGER NOT NULL); INSERT INTO counter VALUES (0)") }
            let failures = Locked<[String]>([])
            ThreadGroup.run(4) { _ in
                for _ in 0..<25 {
                    do {
                        try pool.write { connection in
                            try connection.transaction {
                                let value = try connection.queryOne("SELECT value FROM counter")?.int("value") ?? 0
                                try connection.run("UPDATE counter SET value = ?", [value + 1])
                            }
                        }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(failures.current == [])
            let value = try pool.read { try $0.scalar("SELECT value FROM counter") }
            #expect(value == .integer(100))
        }
    }

    /// A write shares its transaction with the writes queued beside it, each in a savepoint: one
    /// that throws leaves none of its changes, and the others commit.
    @Test func aWriteThatThrowsLeavesNothingAndTheOthersCommit() throws {
        struct Refused: Error {}
        try pool { pool in
            let failures = Locked<Int>(0)
            ThreadGroup.run(4) { _ in
                for index in 0..<25 {
                    do {
                        try pool.write { connection in
                            try connection.run("INSERT INTO claim (title) VALUES (?)", [index.isMultiple(of: 5) ? "refused" : "kept"])
                            if index.isMultiple(of: 5) { throw Refused() }
                        }
                    } catch is Refused {
                        failures.withLock { $0 += 1 }
                    } catch {
                        Issue.record("\(error)")
                    }
                }
            }
            #expect(failures.current == 20)
            let (kept, refused) = try pool.read { connection in
                (try connection.scalar("SELECT count(*) FROM claim WHERE title = 'kept'"),
                 try connection.scalar("SELECT count(*) FROM claim WHERE title = 'refused'"))
            }
            #expect(kept == .integer(80) && refused == .integer(0))
        }
    }

    /// An ordinary write keeps the originals of the pages it changes in memory; a large one runs in
    /// a transaction of its own and leaves them to SQLite's temporary files. Each body reads where
    /// its own transaction keeps them (`temp_store`: 2 memory, 0 SQLite's default), so a large
    /// write sharing a transaction with ordinary ones would show on one side or the other.
    @Test func largeWritesRunAloneWithTheirJournalsInFiles() throws {
        try pool { pool in
            try pool.writeLarge { connection in
                try connection.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, body BLOB)")
                for id in 0..<500 { try connection.run("INSERT INTO page (id, body) VALUES (?, zeroblob(3000))", [id]) }
            }
            let seen = Locked<[(large: Bool, tempStore: SQLiteValue?)]>([])
            ThreadGroup.run(4) { thread in
                for index in 0..<20 {
                    let large = (thread + index).isMultiple(of: 4)
                    let body = { (connection: Connection) throws in
                        try connection.run("INSERT INTO claim (title) VALUES (?)", ["\(thread)-\(index)"])
                        let store = try connection.scalar("PRAGMA temp_store")
                        seen.withLock { $0.append((large, store)) }
                    }
                    do {
                        if large { try pool.writeLarge(body) } else { try pool.write(body) }
                    } catch {
                        Issue.record("\(error)")
                    }
                }
            }
            #expect(seen.current.count == 80)
            #expect(seen.current.filter(\.large).allSatisfy { $0.tempStore == .integer(0) })
            #expect(seen.current.filter { !$0.large }.allSatisfy { $0.tempStore == .integer(2) })
            // 2 MB of originals: past SQLite's 64 KiB, a large write's journal is a temporary file.
            let filesDuringLargeWrite = try pool.writeLarge { connection in
                _ = try connection.run("UPDATE page SET body = zeroblob(3001)")
                return Self.temporaryFilesOpen()
            }
            #expect(!filesDuringLargeWrite.isEmpty)
        }
    }

    /// The files this process holds open that SQLite made as temporary files ("etilqs_…").
    static func temporaryFilesOpen() -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.contains("etilqs_") }
    }

    /// A write runs inside the transaction it shares, so it cannot open one of its own (it uses
    /// `Connection.transaction`, which nests); the refusal leaves nothing behind.
    @Test func aWriteCannotOpenATransactionOfItsOwn() throws {
        try pool { pool in
            #expect(throws: SQLiteError.self) {
                try pool.write { connection in
                    try connection.run("INSERT INTO claim (title) VALUES ('abandoned')")
                    try connection.execute("BEGIN")
                }
            }
            let (isInTransaction, count) = try pool.write { connection in
                (connection.isInTransaction, try connection.scalar("SELECT count(*) FROM claim"))
            }
            #expect(isInTransaction)  // the write's own, shared transaction
            #expect(count == .integer(0))
            #expect(try pool.read { try $0.scalar("SELECT count(*) FROM claim") } == .integer(0))
        }
    }

    @Test func closeWaitsForCheckedOutConnectionsThenRefusesWork() throws {
        try TemporaryDatabase.withPath { path in
            let pool = try ConnectionPool(path: path, readers: 1)
            let events = Locked<[String]>([])
            let readStarted = DispatchSemaphore(value: 0)
            let reading = Thread {
                do {
                    try pool.read { connection in
                        readStarted.signal()
                        Thread.sleep(forTimeInterval: 0.2)
                        _ = try connection.scalar("SELECT 1")
                        events.withLock { $0.append("read finished") }
                    }
                } catch {
                    events.withLock { $0.append("read failed: \(error)") }
                }
            }
            reading.start()
            readStarted.wait()
            pool.close()
            events.withLock { $0.append("closed") }
            #expect(events.current == ["read finished", "closed"])

            let error = try #require(throws: SQLiteError.self) { try pool.read { _ in 1 } }
            #expect(error.code == 21) // SQLITE_MISUSE
            #expect(throws: SQLiteError.self) { try pool.write { _ in 1 } }
            pool.close() // closing twice is harmless
        }
    }

    /// The log is checkpointed by the pool's own thread, not inside a commit, and stays bounded:
    /// 3,000 commits of a 4 KB row (well over 3,000 log pages) leave the log far shorter, with no
    /// commit having waited for a checkpoint of its own.
    @Test func checkpointsRunOnThePoolsThreadAndKeepTheLogBounded() throws {
        try TemporaryDatabase.withPath { path in
            let pool = try ConnectionPool(path: path, readers: 1, configuration: .init(checkpointThreshold: 1_000))
            try pool.write { try $0.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY, title TEXT NOT NULL)") }
            let text = String(repeating: "x", count: 4_000)
            for _ in 0 ..< 3_000 {
                try pool.write { try $0.run("INSERT INTO claim (title) VALUES (?)", [text]) }
            }
            // The thread is woken, not waited for: give it a moment to finish the last one.
            let deadline = Date().addingTimeInterval(10)
            while pool.checkpoints < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            #expect(pool.checkpoints >= 2)
            // Copied back: the data is in the database file, so the log is reused from its start
            // rather than growing by a page per page written.
            let walPages = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0) / 4_096
            #expect(walPages < 3_000)
            let databasePages = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) / 4_096
            #expect(databasePages > 2_000)
            #expect(try pool.read { try $0.scalar("SELECT count(*) FROM claim") } == .integer(3_000))
            pool.close()
            // The last connection to close checkpointed the rest and removed the log.
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }
}
