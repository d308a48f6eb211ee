/// One result row, decoded out of libpq's result so that it outlives it and can cross threads.
public struct PostgresRow: Sendable, Hashable {
    /// Column names in result order, as PostgreSQL reports them: the `AS` alias where there is one, and folded to
    /// lower case unless quoted.
    public let columns: [String]
    public let values: [PostgresValue]

    public init(columns: [String], values: [PostgresValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of `column`, or nil when the row has no such column (a present NULL is `.null`).
    public subscript(_ column: String) -> PostgresValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    public subscript(_ index: Int) -> PostgresValue {
        values[index]
    }

    /// The value of `column`; a misspelt column throws rather than reading as NULL.
    public func value(_ column: String) throws -> PostgresValue {
        guard let value = self[column] else {
            throw PostgresRowDecodingError.missingColumn(column, available: columns)
        }
        return value
    }

    public func int(_ column: String) throws -> Int { try required(column, "integer", Self.int) }
    public func int64(_ column: String) throws -> Int64 { try required(column, "integer", Self.int64) }
    public func double(_ column: String) throws -> Double { try required(column, "double precision", Self.double) }
    public func string(_ column: String) throws -> String { try required(column, "text", Self.string) }
    public func bytes(_ column: String) throws -> [UInt8] { try required(column, "bytea", Self.bytes) }
    public func bool(_ column: String) throws -> Bool { try required(column, "boolean", Self.bool) }

    public func optionalInt(_ column: String) throws -> Int? { try optional(column, "integer", Self.int) }
    public func optionalInt64(_ column: String) throws -> Int64? { try optional(column, "integer", Self.int64) }
    public func optionalDouble(_ column: String) throws -> Double? { try optional(column, "double precision", Self.double) }
    public func optionalString(_ column: String) throws -> String? { try optional(column, "text", Self.string) }
    public func optionalBytes(_ column: String) throws -> [UInt8]? { try optional(column, "bytea", Self.bytes) }
    public func optionalBool(_ column: String) throws -> Bool? { try optional(column, "boolean", Self.bool) }

    // By position, for hot queries whose SELECT list is fixed: no search through the column names.
    // A position past the end is a programming error, reported like a missing column.

    public func int64(at index: Int) throws -> Int64 { try required(at: index, "integer", Self.int64) }
    public func string(at index: Int) throws -> String { try required(at: index, "text", Self.string) }
    public func bool(at index: Int) throws -> Bool { try required(at: index, "boolean", Self.bool) }
    public func optionalInt64(at index: Int) throws -> Int64? { try optional(at: index, "integer", Self.int64) }
    public func optionalString(at index: Int) throws -> String? { try optional(at: index, "text", Self.string) }

    private func required<T>(at index: Int, _ expected: String, _ convert: (PostgresValue) -> T?) throws -> T {
        guard let decoded = try optional(at: index, expected, convert) else {
            throw PostgresRowDecodingError.unexpectedNull(column: columns[index], expected: expected)
        }
        return decoded
    }

    private func optional<T>(at index: Int, _ expected: String, _ convert: (PostgresValue) -> T?) throws -> T? {
        guard values.indices.contains(index) else {
            throw PostgresRowDecodingError.missingColumn("#\(index)", available: columns)
        }
        return try decode(values[index], column: columns[index], expected, convert)
    }

    private func required<T>(_ column: String, _ expected: String, _ convert: (PostgresValue) -> T?) throws -> T {
        guard let decoded = try optional(column, expected, convert) else {
            throw PostgresRowDecodingError.unexpectedNull(column: column, expected: expected)
        }
        return decoded
    }

    private func optional<T>(_ column: String, _ expected: String, _ convert: (PostgresValue) -> T?) throws -> T? {
        try decode(try value(column), column: column, expected, convert)
    }

    private func decode<T>(_ value: PostgresValue, column: String, _ expected: String, _ convert: (PostgresValue) -> T?) throws -> T? {
        if value == .null {
            return nil
        }
        guard let decoded = convert(value) else {
            throw PostgresRowDecodingError.typeMismatch(column: column, expected: expected, found: value.typeName)
        }
        return decoded
    }

    // Conversions are strict: a text "42" is not an integer, nor an integer a double. Columns have one type in
    // PostgreSQL, so a mismatch is a wrong column or a wrong schema, which a silent coercion would hide.
    private static func int64(_ value: PostgresValue) -> Int64? {
        if case .integer(let integer) = value { integer } else { nil }
    }

    private static func int(_ value: PostgresValue) -> Int? {
        int64(value).flatMap { Int(exactly: $0) }
    }

    private static func double(_ value: PostgresValue) -> Double? {
        if case .double(let double) = value { double } else { nil }
    }

    private static func string(_ value: PostgresValue) -> String? {
        if case .text(let text) = value { text } else { nil }
    }

    private static func bytes(_ value: PostgresValue) -> [UInt8]? {
        if case .bytes(let bytes) = value { bytes } else { nil }
    }

    private static func bool(_ value: PostgresValue) -> Bool? {
        if case .bool(let bool) = value { bool } else { nil }
    }
}
