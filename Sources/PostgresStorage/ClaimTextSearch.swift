#if Postgres
/// Finding claims by any part of their name, customer name, domain or tenant ID, in any case:
/// `ILIKE '%…%'` on each column, which the `pg_trgm` indexes of migration 7 answer. It finds what
/// SQLite's trigram table (and, for fewer than three characters, its `LIKE`) finds.
enum ClaimTextSearch {
    /// The condition on the four columns, `pattern` being the placeholder bound to `pattern(_:)`.
    static func condition(_ pattern: String, table: String = "") -> String {
        let prefix = table.isEmpty ? "" : table + "."
        return "(\(prefix)name ILIKE \(pattern) OR \(prefix)customer_name ILIKE \(pattern) "
            + "OR \(prefix)customer_domain ILIKE \(pattern) OR \(prefix)tenant_id ILIKE \(pattern))"
    }

    /// `text` as a substring pattern: its `\`, `%` and `_` match themselves (`\` is ILIKE's escape).
    static func pattern(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// Whether `text` is long enough for SQLite's trigram search (three characters); the review
    /// queue matches shorter text against whole customer names and domains instead.
    static func isPhrase(_ text: String) -> Bool { text.unicodeScalars.count >= 3 }
}
#endif
