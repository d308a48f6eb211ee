import Foundation
import Testing
@testable import SQLite
import TestSupport

@Suite struct ConnectionTests {
    @Test func openingSetsDurabilityPragmas() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
            #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
            #expect(try connection.scalar("PRAGMA synchronous") == .integer(2)) // FULL
            #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(5000))
        }
    }

    @Test func busyTimeoutComesFromConfiguration() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path, configuration: .init(busyTimeout: .milliseconds(250)))
            #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(250))
        }
    }

    @Test func readOnlyConnectionDoesNotCreateTheFile() throws {
        try TemporaryDatabase.withPath { path in
            let error = try #require(throws: SQLiteError.self) {
                try Connection(path: path, configuration: .init(readOnly: true))
            }
            #expect(error.primaryCode == 14) // SQLITE_CANTOPEN
            #expect(error.message.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        try TemporaryDatabase.withPath { path in
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY)")
            let reader = try Connection(path: path, configuration: .init(readOnly: true))
            #expect(try reader.scalar("PRAGMA journal_mode") == .text("wal"))
            let error = try #require(throws: SQLiteError.self) {
                try reader.run("INSERT INTO claim DEFAULT VALUES")
            }
            #expect(error.primaryCode == 8) // SQLITE_READONLY
        }
    }

    @Test func executeRunsAScriptOfStatements() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("""
                CREATE TABLE claim (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
                INSERT INTO claim (title) VALUES ('first');
                INSERT INTO claim (title) VALUES ('second'); -- a trailing comment
                """)
            #expect(try connection.scalar("SELECT count(*) FROM claim") == .integer(2))
        }
    }

    @Test func runReturnsChangedRowsAndLastInsertRowID() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY, status TEXT NOT NULL)")
            #expect(try connection.run("INSERT INTO claim (status) VALUES (?)", ["open"]) == 1)
            #expect(connection.lastInsertRowID == 1)
            try connection.run("INSERT INTO claim (status) VALUES (?)", ["open"])
            #expect(connection.lastInsertRowID == 2)
            #expect(try connection.run("UPDATE claim SET status = ? WHERE status = ?", ["closed", "open"]) == 2)
        }
    }

    @Test func queryReturnsRowsInOrderAndQueryOneTheFirst() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
            for title in ["a", "b", "c"] {
                try connection.run("INSERT INTO claim (title) VALUES (?)", [title])
            }
            let rows = try connection.query("SELECT id, title FROM claim WHERE id >= ? ORDER BY id", [2])
            #expect(try rows.map { try $0.string("title") } == ["b", "c"])
            #expect(rows.first?.columns == ["id", "title"])
            #expect(try connection.queryOne("SELECT title FROM claim ORDER BY id DESC")?.string("title") == "c")
            #expect(try connection.queryOne("SELECT title FROM claim WHERE id = ?", [99]) == nil)
            #expect(try connection.scalar("SELECT title FROM claim WHERE id = ?", [99]) == nil)
            #expect(try connection.scalar("SELECT NULL") == .null)
        }
    }

    @Test func syntaxErrorCarriesTheSQL() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let sql = "SELEC id FROM claim"
            let error = try #require(throws: SQLiteError.self) { try connection.query(sql) }
            #expect(error.code == 1) // SQLITE_ERROR
            #expect(error.sql == sql)
            #expect(error.message.contains("syntax error"))
            #expect(error.description.contains(sql))

            let scriptError = try #require(throws: SQLiteError.self) {
                try connection.execute("CREATE TABLE ok (id INTEGER); CREATE TABLE (")
            }
            #expect(scriptError.sql?.contains("CREATE TABLE (") == true)
        }
    }

    @Test func parameterCountMustMatch() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let error = try #require(throws: SQLiteError.self) {
                try connection.query("SELECT ?, ?", [1])
            }
            #expect(error.code == 25) // SQLITE_RANGE
            #expect(error.sql == "SELECT ?, ?")
        }
    }

    @Test func prepareRejectsASecondStatement() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            #expect(throws: SQLiteError.self) { try connection.prepare("SELECT 1; SELECT 2") }
            // Whitespace and comments after the statement are fine.
            _ = try connection.prepare("SELECT 1; -- done\n")
        }
    }

    @Test func preparedStatementsAreCachedBySQL() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let first = try connection.prepare("SELECT ?")
            let second = try connection.prepare("SELECT ?")
            #expect(first === second)
            #expect(try connection.prepare("SELECT ? + 1") !== first)
        }
    }

    @Test func fullCacheEvictsWithoutBreakingHeldStatements() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path, configuration: .init(statementCacheCapacity: 2))
            let first = try connection.prepare("SELECT 1 AS n")
            _ = try connection.prepare("SELECT 2 AS n")
            _ = try connection.prepare("SELECT 3 AS n")
            #expect(try connection.prepare("SELECT 1 AS n") !== first)
            // An evicted statement still works for whoever holds it.
            #expect(try first.nextRow()?.int("n") == 1)
            first.reset()
        }
    }

    @Test func cachedStatementWorksAgainAfterAFailure() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE claim (reference TEXT NOT NULL UNIQUE)")
            let insert = "INSERT INTO claim (reference) VALUES (?)"
            try connection.run(insert, ["C-1"])
            #expect(throws: SQLiteError.self) { try connection.run(insert, ["C-1"]) }
            try connection.run(insert, ["C-2"])
            #expect(try connection.scalar("SELECT count(*) FROM claim") == .integer(2))
        }
    }

    @Test func statementCanBeSteppedByHand() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let statement = try connection.prepare("SELECT value FROM json_each(?)")
            try statement.bind(["[10, 20]"])
            #expect(try statement.nextRow()?.int("value") == 10)
            #expect(try statement.nextRow()?.int("value") == 20)
            #expect(try statement.nextRow() == nil)
            statement.reset()
        }
    }

    @Test func closedConnectionRefusesWork() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let statement = try connection.prepare("SELECT 1")
            connection.close()
            #expect(connection.isClosed)
            let error = try #require(throws: SQLiteError.self) { try connection.query("SELECT 1") }
            #expect(error.code == 21) // SQLITE_MISUSE
            #expect(throws: SQLiteError.self) { try statement.nextRow() }
            connection.close() // closing twice is harmless
        }
    }
}
