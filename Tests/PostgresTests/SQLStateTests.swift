import Testing
import Postgres

@Suite struct SQLStateTests {
    @Test func knownCodesGetTheirCase() {
        #expect(SQLState(code: "23505") == .uniqueViolation)
        #expect(SQLState(code: "40001") == .serializationFailure)
        #expect(SQLState(code: "25P02") == .inFailedSQLTransaction)
        #expect(SQLState.uniqueViolation.code == "23505")
        #expect(SQLState(code: "22P02") == .other("22P02"))
    }

    @Test func statesAreEqualByCodeHoweverMade() {
        #expect(SQLState.other("23505") == .uniqueViolation)
        #expect(Set([SQLState.other("40001"), .serializationFailure]).count == 1)
    }

    @Test func classesGroupCodes() {
        #expect(SQLState.foreignKeyViolation.isIntegrityConstraintViolation)
        #expect(SQLState.deadlockDetected.isTransactionRollback)
        #expect(SQLState.serializationFailure.isTransactionRollback)
        #expect(!SQLState.uniqueViolation.isTransactionRollback)
        #expect(SQLState.connectionFailure.isConnectionException)
        #expect(SQLState.other("23P01").errorClass == "23")
    }

    @Test func errorDescriptionsNameTheCodeAndSQLButNotTheDetail() {
        let error = PostgresError(
            sqlState: .uniqueViolation,
            message: "duplicate key value violates unique constraint \"account_email_key\"",
            detail: "Key (email)=(ana@contoso.example) already exists.",
            constraint: "account_email_key",
            sql: "INSERT INTO account (email) VALUES ($1)"
        )
        #expect(error.description == "PostgreSQL error 23505: duplicate key value violates unique constraint \"account_email_key\" — SQL: INSERT INTO account (email) VALUES ($1)")
        #expect(error.isUniqueViolation)
    }
}
