/// A value as this module reads it from PostgreSQL, or binds it to a parameter. Results arrive in PostgreSQL's
/// text format and are decoded by column type, so a getter can refuse a column of the wrong type.
public enum PostgresValue: Sendable, Hashable {
    case null
    /// `smallint`, `integer` or `bigint`; bound as `bigint`.
    case integer(Int64)
    /// `real` or `double precision`; bound as `double precision`.
    case double(Double)
    case bool(Bool)
    /// `text`, `varchar`, `char(n)` or `name`. Bound with no declared type, so that PostgreSQL reads the text as
    /// whatever type the statement expects there (a `timestamptz` column, a `uuid` …), as it reads a quoted literal.
    case text(String)
    /// `bytea`.
    case bytes([UInt8])
    /// A value of any other type, in PostgreSQL's text form (a `timestamptz`, `numeric`, `uuid` …), with its type's OID.
    case other(type: UInt32, text: String)
}

extension PostgresValue {
    /// The type's name as PostgreSQL spells it. Error messages name the type rather than the value, so that claim
    /// data does not end up in the log.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .double: "double precision"
        case .bool: "boolean"
        case .text: "text"
        case .bytes: "bytea"
        case .other(let type, _): PostgresType.name(of: type)
        }
    }
}
