/// A row could not be read as the caller expected. Names the column, and the type found rather than the value,
/// so that claim data stays out of the log.
public enum PostgresRowDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    case missingColumn(String, available: [String])
    case unexpectedNull(column: String, expected: String)
    case typeMismatch(column: String, expected: String, found: String)

    public var column: String {
        switch self {
        case .missingColumn(let column, _),
             .unexpectedNull(let column, _),
             .typeMismatch(let column, _, _):
            column
        }
    }

    public var description: String {
        switch self {
        case .missingColumn(let column, let available):
            "no column \"\(column)\" in row (columns: \(available.joined(separator: ", ")))"
        case .unexpectedNull(let column, let expected):
            "column \"\(column)\" is NULL, expected \(expected)"
        case .typeMismatch(let column, let expected, let found):
            "column \"\(column)\" holds \(found), expected \(expected)"
        }
    }
}
