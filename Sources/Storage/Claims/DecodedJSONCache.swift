import Claims
import Synchronization

/// Values decoded from stored JSON, remembered by row number together with the text each came
/// from. Decoding is the largest cost of loading a claim (about 200 instructions a byte, most of
/// them in the domain's own `Decodable` code): an action loads the claim it changes, the page
/// after it loads the same version again, and every view of a claim decodes its history. A hit
/// needs the very text decoded before, so whatever wrote the row, on whichever node, changed text
/// is decoded afresh: the cache can be stale only in what it keeps, never in what it returns.
final class DecodedJSONCache<Value: Decodable & Sendable>: Sendable {
    private struct Entry {
        let text: String
        let value: Value
    }

    private let capacity: Int
    private let entries = Mutex<[Int64: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// What `text`, stored in row `key`, decodes to.
    func value(key: Int64, text: String) throws -> Value {
        if let entry = entries.withLock({ $0[key] }), entry.text == text {
            return entry.value
        }
        let value = try StoredClaims.decode(Value.self, from: text)
        store(key: key, entry: Entry(text: text, value: value))
        return value
    }

    /// Remembers `value` as what `text`, stored in row `key`, decodes to. Debug builds check it does.
    func remember(key: Int64, text: String, value: Value) where Value: Equatable {
        assert((try? StoredClaims.decode(Value.self, from: text)) == value, "\(Value.self) does not survive its JSON")
        store(key: key, entry: Entry(text: text, value: value))
    }

    private func store(key: Int64, entry: Entry) {
        entries.withLock { entries in
            // Full: forget an arbitrary tenth, which costs less than tracking use and keeps the
            // memory bounded.
            if entries[key] == nil, entries.count >= capacity {
                for key in Array(entries.keys.prefix(max(1, capacity / 10))) { entries[key] = nil }
            }
            entries[key] = entry
        }
    }

    /// How many values are remembered, for tests.
    var count: Int { entries.withLock { $0.count } }
}

extension StoredClaims {
    /// A claim's document is about a kilobyte and its history entries a few hundred bytes: together
    /// a few megabytes at most.
    static let claimDocuments = DecodedJSONCache<Claim>(capacity: 512)
    static let historyEntries = DecodedJSONCache<HistoryEntry>(capacity: 4_096)
    /// Comment authors and uploaders: a few people write most of them.
    static let actors = DecodedJSONCache<Actor>(capacity: 1_024)

    /// The claim numbered `number` as its stored `document` decodes, without its PoE and comments.
    public static func core(number: Int64, document: String) throws -> Claim {
        try claimDocuments.value(key: number, text: document)
    }

    /// The author or uploader `json` names. Remembered by the text's hash (a collision only
    /// decodes again, since a hit needs the very same text).
    public static func actor(_ json: String) throws -> Actor {
        var hasher = Hasher()
        hasher.combine(json)
        return try actors.value(key: Int64(hasher.finalize()), text: json)
    }

    /// The history entry in row `id`, as its stored `entry` decodes.
    public static func historyEntry(id: Int64, entry: String) throws -> HistoryEntry {
        try historyEntries.value(key: id, text: entry)
    }
}
