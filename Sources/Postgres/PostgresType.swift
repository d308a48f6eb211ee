/// The OIDs of PostgreSQL's built-in types that this module reads or binds, from `pg_type`. They are fixed in
/// the catalog, so every server agrees on them.
enum PostgresType {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    /// What a quoted literal, or a parameter bound with no type, is until the statement gives it one.
    static let unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    /// Binding a parameter with this OID leaves its type for the server to infer.
    static let unspecified: UInt32 = 0

    /// A name for error messages; types this module does not decode are named by OID, or by name where common.
    static func name(of type: UInt32) -> String {
        switch type {
        case 114: "json"
        case 1082: "date"
        case 1114: "timestamp"
        case 1184: "timestamptz"
        case 1700: "numeric"
        case 2950: "uuid"
        case 3802: "jsonb"
        default: "type \(type)"
        }
    }
}
