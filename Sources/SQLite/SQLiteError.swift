import CSQLite

/// A failure reported by SQLite, keeping what the log needs to explain it: the extended result code,
/// SQLite's message and the SQL that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code, e.g. `SQLiteError.constraintUnique` (2067) rather than plain `SQLITE_CONSTRAINT` (19).
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Reads the message of the error that `code` reports on `database`; call it before any other call on
    /// that connection, which would replace the message.
    init(database: OpaquePointer, code: Int32, sql: String?) {
        self.init(code: code, message: String(cString: sqlite3_errmsg(database)), sql: sql)
    }

    /// The primary result code: the low byte of the extended one.
    public var primaryCode: Int32 { code & 0xFF }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isUniqueViolation: Bool { code == Self.constraintUnique || code == Self.constraintPrimaryKey }
    public var isForeignKeyViolation: Bool { code == Self.constraintForeignKey }
    public var isBusy: Bool { primaryCode == SQLITE_BUSY }

    public var description: String {
        var text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql {
            text += " — SQL: \(sql)"
        }
        return text
    }

    // The extended codes are C macros built with shifts, which Swift does not import; these are the values
    // sqlite3.h documents.
    public static let constraintCheck: Int32 = 275       // SQLITE_CONSTRAINT_CHECK
    public static let constraintForeignKey: Int32 = 787  // SQLITE_CONSTRAINT_FOREIGNKEY
    public static let constraintNotNull: Int32 = 1299    // SQLITE_CONSTRAINT_NOTNULL
    public static let constraintPrimaryKey: Int32 = 1555 // SQLITE_CONSTRAINT_PRIMARYKEY
    public static let constraintUnique: Int32 = 2067     // SQLITE_CONSTRAINT_UNIQUE

    /// An error in how this module was used rather than in the database, reported with SQLite's own code for it.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}
