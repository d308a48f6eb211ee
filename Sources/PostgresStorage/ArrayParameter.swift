#if Postgres
/// A list bound as one parameter, in PostgreSQL's array syntax, for `= ANY($1::bigint[])` and
/// `unnest($1::text[])`: one prepared statement whatever the list's length, where a placeholder per
/// element would prepare a new statement for every length.
enum ArrayParameter {
    static func bigints(_ values: some Sequence<Int64>) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    /// Every element quoted, with `"` and `\` escaped, so no text can end it or add an element.
    static func texts(_ values: some Sequence<String>) -> String {
        "{" + values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}
#endif
