/// One result row, copied out of SQLite so that it outlives the statement and can cross threads.
public struct Row: Sendable, Hashable {
    /// Column names in result order, as SQLite reports them (the `AS` alias where there is one).
    public let columns: [String]
    public let values: [SQLiteValue]

    public init(columns: [String], values: [SQLiteValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of `column`, or nil when the row has no such column (a present NULL is `.null`).
    public subscript(_ column: String) -> SQLiteValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    public subscript(_ index: Int) -> SQLiteValue {
        values[index]
    }

    /// The value of `column`; a misspelt column throws rather than reading as NULL.
    public func value(_ column: String) throws -> SQLiteValue {
        guard let value = self[column] else {
            throw RowDecodingError.missingColumn(column, available: columns)
        }
        return value
    }

    public func int(_ column: String) throws -> Int { try required(column, "INTEGER", Self.int) }
    public func int64(_ column: String) throws -> Int64 { try required(column, "INTEGER", Self.int64) }
    public func double(_ column: String) throws -> Double { try required(column, "REAL", Self.double) }
    public func string(_ column: String) throws -> String { try required(column, "TEXT", Self.string) }
    public func blob(_ column: String) throws -> [UInt8] { try required(column, "BLOB", Self.blob) }
    public func bool(_ column: String) throws -> Bool { try required(column, "0 or 1", Self.bool) }

    public func optionalInt(_ column: String) throws -> Int? { try optional(column, "INTEGER", Self.int) }
    public func optionalInt64(_ column: String) throws -> Int64? { try optional(column, "INTEGER", Self.int64) }
    public func optionalDouble(_ column: String) throws -> Double? { try optional(column, "REAL", Self.double) }
    public func optionalString(_ column: String) throws -> String? { try optional(column, "TEXT", Self.string) }
    public func optionalBlob(_ column: String) throws -> [UInt8]? { try optional(column, "BLOB", Self.blob) }
    public func optionalBool(_ column: String) throws -> Bool? { try optional(column, "0 or 1", Self.bool) }

    // By position, for hot queries whose SELECT list is fixed: no search through the column names.
    // A position past the end is a programming error, reported like a missing column.

    public func int64(at index: Int) throws -> Int64 { try required(at: index, "INTEGER", Self.int64) }
    public func string(at index: Int) throws -> String { try required(at: index, "TEXT", Self.string) }
    public func optionalInt64(at index: Int) throws -> Int64? { try optional(at: index, "INTEGER", Self.int64) }
    public func optionalString(at index: Int) throws -> String? { try optional(at: index, "TEXT", Self.string) }

    private func required<T>(at index: Int, _ expected: String, _ convert: (SQLiteValue) -> T?) throws -> T {
        guard let decoded = try optional(at: index, expected, convert) else {
            throw RowDecodingError.unexpectedNull(column: columns[index], expected: expected)
        }
        return decoded
    }

    private func optional<T>(at index: Int, _ expected: String, _ convert: (SQLiteValue) -> T?) throws -> T? {
        guard values.indices.contains(index) else { throw RowDecodingError.missingColumn("#\(index)", available: columns) }
        let value = values[index]
        if value == .null { return nil }
        guard let decoded = convert(value) else {
            throw RowDecodingError.typeMismatch(column: columns[index], expected: expected, found: value.storageClass)
        }
        return decoded
    }

    private func required<T>(_ column: String, _ expected: String, _ convert: (SQLiteValue) -> T?) throws -> T {
        guard let decoded = try optional(column, expected, convert) else {
            throw RowDecodingError.unexpectedNull(column: column, expected: expected)
        }
        return decoded
    }

    private func optional<T>(_ column: String, _ expected: String, _ convert: (SQLiteValue) -> T?) throws -> T? {
        let value = try value(column)
        if value == .null {
            return nil
        }
        guard let decoded = convert(value) else {
            throw RowDecodingError.typeMismatch(column: column, expected: expected, found: value.storageClass)
        }
        return decoded
    }

    // Conversions are strict: a TEXT "42" is not an integer. Silent coercion would hide a wrong column or a bad row.
    private static func int64(_ value: SQLiteValue) -> Int64? {
        if case .integer(let integer) = value { integer } else { nil }
    }

    private static func int(_ value: SQLiteValue) -> Int? {
        int64(value).flatMap { Int(exactly: $0) }
    }

    /// Integers are accepted too: SQLite stores a whole number in a REAL column as an integer when that is smaller.
    private static func double(_ value: SQLiteValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }

    private static func string(_ value: SQLiteValue) -> String? {
        if case .text(let text) = value { text } else { nil }
    }

    private static func blob(_ value: SQLiteValue) -> [UInt8]? {
        if case .blob(let bytes) = value { bytes } else { nil }
    }

    private static func bool(_ value: SQLiteValue) -> Bool? {
        switch value {
        case .integer(0): false
        case .integer(1): true
        default: nil
        }
    }
}
