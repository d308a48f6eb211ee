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
        // Two statements: SQLite answers a lone min() or max() from the end of the index, but both
        // in one statement scan every claim.
        guard let low = try db.queryOne("SELECT min(number) AS low FROM claims")?.optionalInt64("low"),
              let high = try db.queryOne("SELECT max(number) AS high FROM claims")?.optionalInt64("high") else {
            return Snapshot(takenAt: now, claims: 0, sampled: 0, counts: [:])
        }
        let stride = max(1, (high - low + 1) / sampleSize)
        var counts = TrigramCounts()
        var sampled: Int32 = 0
        try db.forEachRow(sampleSQL, [low, stride, high]) { row in
            sampled += 1
            for column in 0..<4 {
                guard var text = try row.optionalString(at: column) else { continue }
                // ASCII is folded here as the tokenizer folds it (A-Z to a-z), many times faster
                // than a call back per trigram; anything else goes through the tokenizer.
                let done = text.withUTF8 { bytes in
                    guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0 }) else { return false }
                    guard bytes.count >= 3 else { return true }
                    func folded(_ byte: UInt8) -> UInt64 { UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
                    for index in 0..<(bytes.count - 2) {
                        counts.count(3 << 56 | folded(bytes[index]) | folded(bytes[index + 1]) << 8
                                     | folded(bytes[index + 2]) << 16, in: sampled)
                    }
                    return true
                }
                if !done {
                    try tokenizer.tokenize(text) { trigram in
                        counts.count(FoldedText.key(trigram), in: sampled)
                        return true
                    }
                }
            }
        }
        return Snapshot(takenAt: now, claims: Double(sampled) * Double(stride), sampled: Int(sampled),
                        counts: counts.dictionary)
    }
}

/// How many sampled claims hold each trigram: an open-addressing table keyed by the trigram's key
/// (never 0, as a key holds its length or a marker in its top byte), since a sample counts some
/// 400,000 trigrams and a Dictionary hashes each with SipHash.
struct TrigramCounts {
    private var keys = [UInt64](repeating: 0, count: 1 << 14)
    private var claims = [Int32](repeating: 0, count: 1 << 14)
    /// The claim (by its place in the sample) last counted, so a claim counts once per trigram.
    private var last = [Int32](repeating: 0, count: 1 << 14)
    private var used = 0

    mutating func count(_ key: UInt64, in claim: Int32) {
        var slot = slot(of: key)
        if keys[slot] == 0 {
            if (used + 1) * 2 > keys.count {
                grow()
                slot = self.slot(of: key)
            }
            keys[slot] = key
            used += 1
        }
        if last[slot] != claim {
            last[slot] = claim
            claims[slot] += 1
        }
    }

    var dictionary: [UInt64: Int32] {
        var result: [UInt64: Int32] = [:]
        result.reserveCapacity(used)
        for (index, key) in keys.enumerated() where key != 0 { result[key] = claims[index] }
        return result
    }

    /// The key's slot, or the empty one where it belongs.
    private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let (oldKeys, oldClaims, oldLast) = (keys, claims, last)
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        claims = [Int32](repeating: 0, count: oldKeys.count * 2)
        last = [Int32](repeating: 0, count: oldKeys.count * 2)
        for (index, key) in oldKeys.enumerated() where key != 0 {
            let slot = slot(of: key)
            (keys[slot], claims[slot], last[slot]) = (key, oldClaims[index], oldLast[index])
        }
    }
}
