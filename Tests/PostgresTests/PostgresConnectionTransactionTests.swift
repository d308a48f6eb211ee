#if Postgres
import Testing
import Postgres

@Suite struct PostgresConnectionTransactionTests {
    private struct Refused: Error {}

    private func connection() throws -> PostgresConnection {
        let connection = try TestCluster.connect()
        try connection.executeScript("CREATE TEMPORARY TABLE claim (id int PRIMARY KEY, title text NOT NULL)")
        return connection
    }

    private func titles(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT title FROM claim ORDER BY id").map { try $0.string("title") }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let connection = try connection()
        let inserted = try connection.transaction {
            try connection.execute("INSERT INTO claim VALUES (1, 'one'), (2, 'two')")
        }
        #expect(inserted == 2)
        #expect(!connection.isInTransaction)
        #expect(try titles(connection) == ["one", "two"])
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        let connection = try connection()
        #expect(throws: Refused.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO claim VALUES (1, 'one')")
                #expect(connection.isInTransaction)
                throw Refused()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try titles(connection) == [])
    }

    @Test func aNestedTransactionUndoesOnlyItsOwnWork() throws {
        let connection = try connection()
        try connection.transaction {
            try connection.execute("INSERT INTO claim VALUES (1, 'kept')")
            // The duplicate key fails the savepoint, not the outer transaction.
            let error = try #require(throws: PostgresError.self) {
                try connection.transaction {
                    try connection.execute("INSERT INTO claim VALUES (2, 'undone')")
                    try connection.execute("INSERT INTO claim VALUES (1, 'duplicate')")
                }
            }
            #expect(error.isUniqueViolation)
            try connection.execute("INSERT INTO claim VALUES (3, 'also kept')")
        }
        #expect(try titles(connection) == ["kept", "also kept"])
    }

    @Test func aCaughtErrorInsideTheTransactionFailsItRatherThanCommittingNothing() throws {
        let connection = try connection()
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO claim VALUES (1, 'one')")
                // Caught, but PostgreSQL has aborted the transaction all the same.
                _ = try? connection.execute("INSERT INTO claim VALUES (1, 'duplicate')")
            }
        }
        #expect(error.sqlState == .inFailedSQLTransaction)
        #expect(!connection.isInTransaction)
        #expect(try titles(connection) == [])
    }

    @Test func aConcurrentUpdateUnderRepeatableReadIsASerializationFailure() throws {
        let name = TestCluster.uniqueTableName("version_check")
        let setup = try TestCluster.connect()
        try setup.executeScript("CREATE TABLE \(name) (id int PRIMARY KEY, version int NOT NULL); INSERT INTO \(name) VALUES (1, 1)")
        defer { try? setup.executeScript("DROP TABLE \(name)") }
        let writer = try TestCluster.connect()
        let error = try #require(throws: PostgresError.self) {
            try setup.transaction(.repeatableRead) {
                #expect(try setup.queryOne("SELECT version FROM \(name) WHERE id = 1")?.int("version") == 1)
                try writer.execute("UPDATE \(name) SET version = 2 WHERE id = 1")
                try setup.execute("UPDATE \(name) SET version = 2 WHERE id = 1")
            }
        }
        #expect(error.isSerializationFailure)
        #expect(error.sqlState.isTransactionRollback)
        #expect(!setup.isInTransaction)
    }
}
#endif
