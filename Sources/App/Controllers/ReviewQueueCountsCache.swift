import Foundation
import Storage
import Synchronization

/// The queue's counts, recomputed at most every `lifetime` seconds. Counting reads every waiting
/// claim's index entry (about 30 ms at a million claims, measured), far more than the page of rows
/// itself; a chart a few seconds old serves the overview just as well.
final class ReviewQueueCountsCache: Sendable {
    private let lifetime: TimeInterval
    private let latest = Mutex<(at: Date, counts: ReviewQueueCounts)?>(nil)

    init(lifetime: TimeInterval = 10) { self.lifetime = lifetime }

    func counts(at now: Date, compute: () throws -> ReviewQueueCounts) rethrows -> ReviewQueueCounts {
        if let cached = latest.withLock({ $0 }), now >= cached.at, now.timeIntervalSince(cached.at) < lifetime {
            return cached.counts
        }
        let counts = try compute()
        latest.withLock { $0 = (now, counts) }
        return counts
    }
}
