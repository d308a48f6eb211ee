import SQLite
import Synchronization

/// How common each trigram is in the claims' searchable text, estimated from an even sample of
/// claims and kept for a few minutes, so that a search asks the index for its rarest trigrams
/// (see `ClaimSearch`). Only the cost of a search depends on it, never its results: every
/// candidate is checked against its text. Asking FTS5 itself (an `fts5vocab` table) would read the
/// whole list of every trigram counted, as dear as the search it is meant to spare.
final class ClaimSearchStatistics: Sendable {
    struct Snapshot: Sendable {
        let takenAt: ContinuousClock.Instant
        /// About how many claims there are: the sample's size times its stride.
        let claims: Double
        let sampled: Int
        let counts: [UInt64: Int32]

        /// About how many claims hold the trigram `key` (in any of their searchable texts): none
        /// when the sample never saw it.
        func estimate(_ key: UInt64) -> Double {
            guard sampled > 0, let count = counts[key] else { return 0 }
            return Double(count) * claims / Double(sampled)
        }
    }

    /// Claims read per estimate: about 30 ms of work, whatever the number of claims.
    static let sampleSize: Int64 = 4000
    /// Frequencies move slowly; a search after this long takes a new sample first.
    static let lifetime: Duration = .seconds(600)

    private let latest = Mutex<Snapshot?>(nil)

    init() {}

    func snapshot(in db: Connection, tokenizer: FTS5Tokenizer) throws -> Snapshot {
        let now = ContinuousClock.now
        if let snapshot = latest.withLock({ $0 }), now - snapshot.takenAt < Self.lifetime {
            return snapshot
        }
        let snapshot = try Self.sample(in: db, tokenizer: tokenizer, at: now)
        latest.withLock { $0 = snapshot }
        return snapshot
    }

    /// Every claim numbered `low + k × stride` up to the highest, `stride` chosen for about
    /// `sampleSize` of them: each read by its number, never by scanning the table.
    static let sampleSQL = """
        WITH RECURSIVE sample(number) AS (
            SELECT ?1 UNION ALL SELECT number + ?2 FROM sample WHERE number + ?2 <= ?3)
        SELECT c.name, c.customer_name, c.customer_domain, c.tenant_id FROM sample JOIN claims c ON c.number = sample.number
        """

    static func sample(in db: Connection, tokenizer: FTS5Tokenizer, at now: ContinuousClock.Instant) throws -> Snapshot {
        let range = try db.queryOne("SELECT min(number) AS low, max(number) AS high FROM claims")
        guard let low = try range?.optionalInt64("low"), let high = try range?.optionalInt64("high") else {
            return Snapshot(takenAt: now, claims: 0, sampled: 0, counts: [:])
        }
        let stride = max(1, (high - low + 1) / sampleSize)
        // Each trigram's count of claims, and the last claim (by its place in the sample) counted.
        var counts: [UInt64: (claims: Int32, last: Int32)] = [:]
        var sampled: Int32 = 0
        for row in try db.query(sampleSQL, [low, stride, high]) {
            sampled += 1
            for column in 0..<4 {
                guard let text = try row.optionalString(at: column) else { continue }
                try tokenizer.tokenize(text) { trigram in
                    let key = FoldedText.key(trigram)
                    if let seen = counts[key] {
                        if seen.last != sampled { counts[key] = (seen.claims + 1, sampled) }
                    } else {
                        counts[key] = (1, sampled)
                    }
                    return true
                }
            }
        }
        return Snapshot(takenAt: now, claims: Double(sampled) * Double(stride), sampled: Int(sampled),
                        counts: counts.mapValues(\.claims))
    }
}
