import Testing
@testable import SQLite
import TestSupport

@Suite struct SQLiteErrorTests {
    private func claimsDatabase(_ body: (Connection) throws -> Void) throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            try connection.execute("""
                CREATE TABLE partner (id INTEGER PRIMARY KEY);
                CREATE TABLE claim (
                    id INTEGER PRIMARY KEY,
                    reference TEXT NOT NULL UNIQUE,
                    partner_id INTEGER REFERENCES partner (id)
                );
                """)
            try body(connection)
        }
    }

    @Test func uniqueViolationCarriesExtendedCodeAndSQL() throws {
        try claimsDatabase { connection in
            let sql = "INSERT INTO claim (reference) VALUES (?)"
            try connection.run(sql, ["C-1"])
            let error = try #require(throws: SQLiteError.self) { try connection.run(sql, ["C-1"]) }
            #expect(error.code == SQLiteError.constraintUnique)
            #expect(error.isConstraintViolation)
            #expect(error.isUniqueViolation)
            #expect(!error.isBusy)
            #expect(error.sql == sql)
            #expect(error.description.contains("2067"))
            #expect(error.description.contains("UNIQUE constraint failed: claim.reference"))
            #expect(error.description.contains(sql))
        }
    }

    @Test func foreignKeyViolationIsEnforced() throws {
        try claimsDatabase { connection in
            let error = try #require(throws: SQLiteError.self) {
                try connection.run("INSERT INTO claim (reference, partner_id) VALUES (?, ?)", ["C-1", 42])
            }
            #expect(error.code == SQLiteError.constraintForeignKey)
            #expect(error.isForeignKeyViolation)
            #expect(error.isConstraintViolation)
        }
    }

    @Test func notNullViolation() throws {
        try claimsDatabase { connection in
            let error = try #require(throws: SQLiteError.self) {
                try connection.run("INSERT INTO claim (reference) VALUES (?)", [String?.none])
            }
            #expect(error.code == SQLiteError.constraintNotNull)
        }
    }

    @Test func busyIsRecognisedFromItsPrimaryCode() {
        #expect(SQLiteError(code: 5, message: "database is locked").isBusy)
        #expect(SQLiteError(code: 5 | (2 << 8), message: "database is locked").isBusy) // SQLITE_BUSY_SNAPSHOT
        #expect(!SQLiteError(code: 1, message: "error").isBusy)
    }
}
