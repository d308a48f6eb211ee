#if Postgres
import Testing
import Postgres

/// The server's errors reach callers with their SQLSTATE, so that they can tell a duplicate from a bug.
@Suite struct PostgresErrorTests {
    private func connection() throws -> PostgresConnection {
        let connection = try TestCluster.connect()
        try connection.executeScript("""
            CREATE TEMPORARY TABLE account (
                id int PRIMARY KEY,
                email text NOT NULL CONSTRAINT account_email_key UNIQUE,
                age int CONSTRAINT account_age_check CHECK (age >= 0))
            """)
        try connection.execute("INSERT INTO account (id, email) VALUES (1, $1)", ["ana@contoso.example"])
        return connection
    }

    @Test func aUniqueViolationNamesItsConstraintAndKeepsTheValueOutOfTheDescription() throws {
        let connection = try connection()
        let sql = "INSERT INTO account (id, email) VALUES ($1, $2)"
        let error = try #require(throws: PostgresError.self) {
            try connection.execute(sql, [2, "ana@contoso.example"])
        }
        #expect(error.sqlState == .uniqueViolation)
        #expect(error.isUniqueViolation)
        #expect(error.constraint == "account_email_key")
        #expect(error.sql == sql)
        #expect(error.detail?.contains("ana@contoso.example") == true)
        #expect(!error.description.contains("ana@contoso.example"))
        #expect(error.description.hasPrefix("PostgreSQL error 23505: duplicate key value violates unique constraint"))
    }

    @Test(arguments: [
        ("INSERT INTO account (id, email) VALUES (2, NULL)", SQLState.notNullViolation),
        ("INSERT INTO account (id, email, age) VALUES (2, 'b@fabrikam.example', -1)", .checkViolation),
        ("SELEKT 1", .syntaxError),
        ("SELECT * FROM no_such_table", .undefinedTable),
        ("SELECT 1 / 0", .other("22012")),
    ])
    func eachFailureHasItsSQLState(sql: String, state: SQLState) throws {
        let connection = try connection()
        let error = try #require(throws: PostgresError.self) { try connection.query(sql) }
        #expect(error.sqlState == state)
        #expect(!error.message.isEmpty)
    }
}
#endif
