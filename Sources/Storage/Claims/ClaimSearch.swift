import SQLite

/// Finding claims by any part of their name, customer name, domain or tenant ID through the
/// trigram index of migration 7, instead of reading every claim with `LIKE '%…%'`.
///
/// A search reads its matches from the index once. When there are few, the query looks those
/// claims up by number and sorts them itself; when there are many, it walks the page's own index
/// in order and keeps the matching claims, which fills a page long before the end.
enum ClaimSearch {
    /// Up to this many matches are looked up and sorted; more are filtered in index order.
    static let fewMatches = 200

    /// The claims whose text matches the phrase bound to its `?`.
    static let matchingNumbers = "SELECT rowid FROM claims_search WHERE claims_search MATCH ?"

    /// The claims listed in the JSON array bound to its `?`: one statement whatever their number.
    static let listedNumbers = "SELECT value FROM json_each(?)"

    /// `text` as one FTS5 phrase, i.e. a substring; nil when it is shorter than a trigram, which
    /// the index cannot find (such a search matches most claims, so a scan in order ends early).
    static func phrase(_ text: String) -> String? {
        guard text.unicodeScalars.count >= 3 else { return nil }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The numbers of the claims `phrase` matches, as a JSON array for `listedNumbers`, when
    /// there are at most `fewMatches`; nil when there are more.
    static func fewMatches(_ phrase: String, in db: Connection) throws -> String? {
        let numbers = try db.query("\(matchingNumbers) LIMIT ?", [phrase, fewMatches + 1]).map { try $0.int64("rowid") }
        guard numbers.count <= fewMatches else { return nil }
        return "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }
}
