/// The five-character SQLSTATE code of a PostgreSQL error (Appendix A of its manual), with a case for each code
/// callers react to; every other code is `.other`. Two states are equal when their codes are, however made.
public enum SQLState: Hashable, Sendable, CustomStringConvertible {
    /// 08001: the connection could not be opened.
    case unableToConnect
    /// 08003: the connection is closed.
    case connectionDoesNotExist
    /// 08006: the connection broke.
    case connectionFailure
    /// 0A000: e.g. COPY, which this module does not speak.
    case featureNotSupported
    /// 22021: e.g. a NUL character, which PostgreSQL text cannot hold.
    case characterNotInRepertoire
    case notNullViolation
    case foreignKeyViolation
    case uniqueViolation
    case checkViolation
    case exclusionViolation
    /// 25P02: a statement failed earlier in this transaction, which now refuses everything but ROLLBACK.
    case inFailedSQLTransaction
    /// 40001: a concurrent transaction wrote what this one read or wrote; running it again may succeed.
    case serializationFailure
    /// 40P01: PostgreSQL broke a deadlock by failing this transaction; running it again may succeed.
    case deadlockDetected
    case syntaxError
    case undefinedTable
    /// 55P03: e.g. `SELECT … FOR UPDATE NOWAIT` found the row locked.
    case lockNotAvailable
    /// 57014: the statement was cancelled, e.g. by `statement_timeout`.
    case queryCanceled
    case other(String)

    /// Every case but `.other`, for `init(code:)`.
    private static let known: [SQLState] = [
        .unableToConnect, .connectionDoesNotExist, .connectionFailure, .featureNotSupported, .characterNotInRepertoire,
        .notNullViolation, .foreignKeyViolation, .uniqueViolation, .checkViolation, .exclusionViolation,
        .inFailedSQLTransaction, .serializationFailure, .deadlockDetected, .syntaxError, .undefinedTable,
        .lockNotAvailable, .queryCanceled,
    ]

    public init(code: String) {
        self = Self.known.first { $0.code == code } ?? .other(code)
    }

    public var code: String {
        switch self {
        case .unableToConnect: "08001"
        case .connectionDoesNotExist: "08003"
        case .connectionFailure: "08006"
        case .featureNotSupported: "0A000"
        case .characterNotInRepertoire: "22021"
        case .notNullViolation: "23502"
        case .foreignKeyViolation: "23503"
        case .uniqueViolation: "23505"
        case .checkViolation: "23514"
        case .exclusionViolation: "23P01"
        case .inFailedSQLTransaction: "25P02"
        case .serializationFailure: "40001"
        case .deadlockDetected: "40P01"
        case .syntaxError: "42601"
        case .undefinedTable: "42P01"
        case .lockNotAvailable: "55P03"
        case .queryCanceled: "57014"
        case .other(let code): code
        }
    }

    /// The class, the code's first two characters: "23" for every integrity constraint violation.
    public var errorClass: String { String(code.prefix(2)) }

    public var isIntegrityConstraintViolation: Bool { errorClass == "23" }
    /// Class 40: the transaction failed because of others running at the same time, and was rolled back; running
    /// it again from the start may succeed.
    public var isTransactionRollback: Bool { errorClass == "40" }
    public var isConnectionException: Bool { errorClass == "08" }

    public var description: String { code }

    public static func == (lhs: SQLState, rhs: SQLState) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
