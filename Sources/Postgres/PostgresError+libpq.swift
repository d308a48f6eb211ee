#if Postgres
import CLibPQ

extension PostgresError {
    /// The error a failed statement's result reports. A result without a SQLSTATE was made by libpq itself,
    /// which happens when the connection broke.
    init(result: OpaquePointer, connection: OpaquePointer, sql: String?) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        guard let code = field(CLibPQ_DIAG_SQLSTATE) else {
            self.init(connection: connection, sql: sql, message: PostgresConnection.trimmed(PQresultErrorMessage(result)))
            return
        }
        self.init(
            sqlState: SQLState(code: code),
            message: field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? PostgresConnection.trimmed(PQresultErrorMessage(result)),
            detail: field(CLibPQ_DIAG_MESSAGE_DETAIL),
            constraint: field(CLibPQ_DIAG_CONSTRAINT_NAME),
            sql: sql
        )
    }

    /// An error libpq reports on the connection rather than on a result.
    init(connection: OpaquePointer, sql: String?, message: String? = nil) {
        let broken = PQstatus(connection) != CONNECTION_OK
        self.init(
            sqlState: broken ? .connectionFailure : .other("XX000"),
            message: message ?? PostgresConnection.trimmed(PQerrorMessage(connection)),
            sql: sql
        )
    }
}
#endif
