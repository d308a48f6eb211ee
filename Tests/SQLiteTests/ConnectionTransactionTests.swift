import Testing
@testable import SQLite
import TestSupport

@Suite struct ConnectionTransactionTests {
    private struct Refused: Error, Equatable {}

    private func ledger(_ body: (Connection, String) throws -> Void) throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE entry (note TEXT NOT NULL)")
            try body(connection, path)
        }
    }

    private func notes(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT note FROM entry ORDER BY rowid").map { try $0.string("note") }
    }

    @Test func commitsAndReturnsTheBodysResult() throws {
        try ledger { connection, path in
            let count = try connection.transaction {
                try connection.run("INSERT INTO entry VALUES ('a')")
                try connection.run("INSERT INTO entry VALUES ('b')")
                return try connection.scalar("SELECT count(*) FROM entry")
            }
            #expect(count == .integer(2))
            #expect(!connection.isInTransaction)
            // Visible to another connection: it was committed, not just written.
            #expect(try notes(Connection(path: path)) == ["a", "b"])
        }
    }

    @Test func rollsBackOnThrowAndRethrowsTheOriginalError() throws {
        try ledger { connection, _ in
            #expect(throws: Refused()) {
                try connection.transaction {
                    try connection.run("INSERT INTO entry VALUES ('lost')")
                    throw Refused()
                }
            }
            let remaining = try notes(connection)
            #expect(remaining.isEmpty)
            #expect(!connection.isInTransaction)
        }
    }

    @Test func nestedFailureRollsBackOnlyTheInnerSavepoint() throws {
        try ledger { connection, _ in
            try connection.transaction {
                try connection.run("INSERT INTO entry VALUES ('outer')")
                #expect(throws: Refused()) {
                    try connection.transaction {
                        try connection.run("INSERT INTO entry VALUES ('inner')")
                        throw Refused()
                    }
                }
                try connection.transaction {
                    try connection.run("INSERT INTO entry VALUES ('second inner')")
                }
            }
            #expect(try notes(connection) == ["outer", "second inner"])
        }
    }

    @Test func outerFailureUndoesCompletedInnerSavepoints() throws {
        try ledger { connection, _ in
            #expect(throws: Refused()) {
                try connection.transaction {
                    try connection.transaction {
                        try connection.run("INSERT INTO entry VALUES ('inner')")
                    }
                    throw Refused()
                }
            }
            let remaining = try notes(connection)
            #expect(remaining.isEmpty)
        }
    }

    @Test func immediateTakesTheWriteLockAtBegin() throws {
        try ledger { connection, path in
            let other = try Connection(path: path, configuration: .init(busyTimeout: .milliseconds(20)))
            try connection.transaction {
                // Nothing written yet, but the lock is held.
                let error = try #require(throws: SQLiteError.self) { try other.execute("BEGIN IMMEDIATE") }
                #expect(error.isBusy)
            }
            try connection.transaction(.deferred) {
                try other.execute("BEGIN IMMEDIATE")
                try other.execute("COMMIT")
            }
        }
    }
}
