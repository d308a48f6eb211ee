import SQLite

/// Finding claims by any part of their name, customer name, domain or tenant ID through the
/// trigram index of migration 7, instead of reading every claim with `LIKE '%…%'`.
///
/// A search reads its matches from the index once. When there are few, the query looks those
/// claims up by number and sorts them itself; when there are many, it walks the page's own index
/// in order and keeps the matching claims, which fills a page long before the end.
///
/// A phrase of n characters is n − 2 trigrams, and FTS5 reads the position list of every one of
/// them: a long phrase of common trigrams costs milliseconds. So a longer search first asks the
/// index for its rarest trigrams only (see `ClaimSearchStatistics`), then keeps the candidates
/// whose text really holds the phrase, compared as the index compares it: folded by the index's
/// own tokenizer.
enum ClaimSearch {
    /// Up to this many matches are looked up and sorted; more are filtered in index order.
    static let fewMatches = 200

    /// The claims whose text matches the phrase bound to its `?`.
    static let matchingNumbers = "SELECT rowid FROM claims_search WHERE claims_search MATCH ?"

    /// The claims listed in the JSON array bound to its `?`: one statement whatever their number.
    static let listedNumbers = "SELECT value FROM json_each(?)"

    /// The candidates a few of a phrase's trigrams find, with the text to check them against.
    static let candidates = """
        SELECT number, name, customer_name, customer_domain, tenant_id FROM claims
        WHERE number IN (SELECT rowid FROM claims_search WHERE claims_search MATCH ? LIMIT ?)
        """

    /// The tokenizer of migration 7's index, with its options (none).
    static let tokenizer = "trigram"

    /// `text` as one FTS5 phrase, i.e. a substring; nil when it is shorter than a trigram, which
    /// the index cannot find (such a search matches most claims, so a scan in order ends early).
    static func phrase(_ text: String) -> String? {
        guard text.unicodeScalars.count >= 3 else { return nil }
        return quoted(text)
    }

    private static func quoted(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The numbers of the claims whose text holds `text` (whose phrase is `phrase`), as a JSON array
    /// for `listedNumbers`, when there are at most `fewMatches`; nil when there are more.
    static func fewMatches(_ text: String, phrase: String, in db: Connection,
                           statistics: ClaimSearchStatistics) throws -> String? {
        if let numbers = try checkedMatches(text, in: db, statistics: statistics) {
            return json(numbers)
        }
        let numbers = try db.query("\(matchingNumbers) LIMIT ?", [phrase, fewMatches + 1]).map { try $0.int64("rowid") }
        guard numbers.count <= fewMatches else { return nil }
        return json(numbers)
    }

    private static func json(_ numbers: [Int64]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    /// Instructions, roughly, that the choice of trigrams weighs (measured with callgrind on
    /// 100,000 claims): looking a trigram up in every segment of the index, reading one claim of
    /// its list, and checking one candidate's text.
    static let costPerTrigram = 150_000.0
    static let costPerListedClaim = 250.0
    static let costPerCandidate = 10_000.0

    /// Every claim whose text holds `text`, found through a few rare trigrams and checked; nil when
    /// that route cannot answer: `text` is short enough for the whole phrase to be as cheap, holds
    /// a character the tokenizer stops at, or its rarest trigrams still find too many claims.
    static func checkedMatches(_ text: String, in db: Connection, statistics: ClaimSearchStatistics) throws -> [Int64]? {
        let tokenizer = try db.fts5Tokenizer(Self.tokenizer)
        // Up to three trigrams the phrase itself is no dearer than its rarest trigrams.
        guard text.unicodeScalars.count > 5, let search = try SearchText(text, tokenizer: tokenizer) else { return nil }
        let frequencies = try statistics.snapshot(in: db, tokenizer: tokenizer)
        guard let chosen = rareTrigrams(of: search, frequencies) else { return nil }
        let query = chosen.map { quoted(search.trigram(at: $0)) }.joined(separator: " ")
        let rows = try db.query(candidates, [query, fewMatches + 1])
        guard rows.count <= fewMatches else { return nil }
        var numbers: [Int64] = []
        for row in rows {
            for column in 1...4 {
                guard let value = try row.optionalString(at: column),
                      try FoldedText.holds(value, search.folded, tokenizer: tokenizer) else { continue }
                numbers.append(try row.int64(at: 0))
                break
            }
        }
        return numbers.sorted()
    }

    /// The trigrams (by position) to ask the index for: the rarest, then the next rarest that does
    /// not overlap one already chosen (overlapping trigrams tend to come together), for as long as
    /// each is expected to save more checking than it costs. Nil when even the chosen ones are
    /// expected to find too many claims to check.
    static func rareTrigrams(of search: SearchText, _ frequencies: ClaimSearchStatistics.Snapshot) -> [Int]? {
        let estimates = search.keys.map(frequencies.estimate)
        let byRarity = estimates.indices.sorted { (estimates[$0], $0) < (estimates[$1], $1) }
        guard let rarest = byRarity.first else { return nil }
        var chosen = [rarest]
        var expected = estimates[rarest]
        for position in byRarity.dropFirst() where chosen.count < 4 {
            guard !chosen.contains(where: { abs($0 - position) < 3 || search.keys[$0] == search.keys[position] }) else {
                continue
            }
            let listed = estimates[position]
            let remaining = expected * listed / max(frequencies.claims, 1)
            guard costPerTrigram + listed * costPerListedClaim < (expected - remaining) * costPerCandidate else { break }
            chosen.append(position)
            expected = remaining
        }
        guard expected <= Double(fewMatches) else { return nil }
        return chosen.sorted()
    }
}

/// A search's text as the trigram index sees it: folded by the index's tokenizer, and the key of
/// each of its trigrams, the one at position i being its characters i, i+1 and i+2.
struct SearchText {
    let scalars: [Unicode.Scalar]
    let folded: [UInt8]
    let keys: [UInt64]

    /// Nil when the tokenizer does not make one trigram per position, i.e. stops early (at a NUL).
    init?(_ text: String, tokenizer: FTS5Tokenizer) throws {
        scalars = Array(text.unicodeScalars)
        var keys: [UInt64] = []
        folded = try FoldedText.fold(text, tokenizer: tokenizer) { keys.append(FoldedText.key($0)) }
        guard keys.count == scalars.count - 2 else { return nil }
        self.keys = keys
    }

    func trigram(at position: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[position..<position + 3])
        return text
    }
}

/// Text folded exactly as the trigram tokenizer folds it, rebuilt from its trigrams: each trigram
/// is three folded characters, the next one starting a character later.
enum FoldedText {
    /// `text` folded, as UTF-8; `each` sees every trigram on the way. Empty when it has no trigram.
    static func fold(_ text: String, tokenizer: FTS5Tokenizer, each: (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> [UInt8] {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        try tokenizer.tokenize(text) { trigram in
            each(trigram)
            if folded.isEmpty {
                folded.append(contentsOf: trigram)
            } else {
                // The trigram's last character: from the last byte that is not a continuation byte.
                var start = trigram.count - 1
                while start > 0 && trigram[start] & 0xC0 == 0x80 { start -= 1 }
                folded.append(contentsOf: trigram[start...])
            }
            return true
        }
        return folded
    }

    /// Whether `text`, folded, holds `needle` (folded, at least a trigram long): exactly when the
    /// index's phrase query for `needle` matches `text`, as both are the same trigrams in order.
    static func holds(_ text: String, _ needle: [UInt8], tokenizer: FTS5Tokenizer) throws -> Bool {
        var text = text
        if let answer = text.withUTF8({ asciiHolds($0, needle) }) { return answer }
        let haystack = try fold(text, tokenizer: tokenizer)
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first && haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    /// `holds` for ASCII text, without the tokenizer: it folds ASCII as `tolower` does, and stops at
    /// a NUL as it does. Nil when `text` is not all ASCII.
    static func asciiHolds(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool? {
        var end = text.count
        for (offset, byte) in text.enumerated() {
            if byte >= 0x80 { return nil }
            if byte == 0 && end == text.count { end = offset }
        }
        guard end >= needle.count else { return false }
        func folded(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
        var start = 0
        search: while start <= end - needle.count {
            for offset in needle.indices where folded(text[start + offset]) != needle[offset] {
                start += 1
                continue search
            }
            return true
        }
        return false
    }

    /// A trigram as a number: its bytes when they fit, else a hash of them (a collision only
    /// blurs an estimate).
    static func key(_ trigram: UnsafeRawBufferPointer) -> UInt64 {
        if trigram.count < 8 {
            var key = UInt64(trigram.count) << 56
            for (offset, byte) in trigram.enumerated() { key |= UInt64(byte) << (8 * offset) }
            return key
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in trigram { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash | 0xFF << 56
    }
}
