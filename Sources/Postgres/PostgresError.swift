/// A failure reported by PostgreSQL or libpq, keeping what the log needs to explain it and what callers need to
/// react to it: the SQLSTATE (a unique violation, a serialization failure …), the primary message, and the SQL.
///
/// Errors that libpq raises on the client side carry the SQLSTATE PostgreSQL defines for the case: 08001 when a
/// connection cannot be opened, 08006 when it breaks, 08003 when it was closed.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public let sqlState: SQLState
    /// The primary message, e.g. `duplicate key value violates unique constraint "account_email_key"`.
    public let message: String
    /// The server's DETAIL, e.g. `Key (email)=(a@b.example) already exists.`. Left out of `description`: it
    /// quotes the values, which may be claim data.
    public let detail: String?
    /// The constraint that failed, for integrity violations.
    public let constraint: String?
    public let sql: String?

    public init(sqlState: SQLState, message: String, detail: String? = nil, constraint: String? = nil, sql: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
        self.sql = sql
    }

    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
    public var isSerializationFailure: Bool { sqlState == .serializationFailure }

    public var description: String {
        var text = "PostgreSQL error \(sqlState.code): \(message)"
        if let sql {
            text += " — SQL: \(sql)"
        }
        return text
    }
}
