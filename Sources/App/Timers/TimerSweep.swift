import Claims
import Foundation

/// One run of the workflow's timers: every claim due at `now` gets its automatic transitions
/// (a lapsed partner response, a closed consent or dispute window, a reminder), a batch of claims
/// per transaction, until nothing is due. Then the tenant directory: an approved association whose
/// subscription it lists as disabled gets a notice (and loses it once listed as active or in grace
/// again). `cpor tick` runs it once; a scheduled sweep runs it every so often. Running it twice for
/// the same `now` changes nothing the second time.
public enum TimerSweep {
    public struct Summary: Sendable, Equatable {
        /// Claims changed.
        public var claims = 0
        /// Timers fired, by kind (one claim may fire more than one).
        public var timers: [SystemTimer: Int] = [:]
        /// E-mails put in the outbox.
        public var emails = 0
        /// Transactions that changed something.
        public var batches = 0
        /// Claims whose subscription notice the tenant directory put on or took off (also in `claims`).
        public var subscriptionNotices = 0

        public init() {}
    }

    public static func run(store: any ClaimStore, rules: WorkflowRules, now: Date, batchSize: Int = 500) throws -> Summary {
        var summary = Summary()
        // Each batch takes the claims still due, and what it fired is no longer due, so no claim is
        // changed twice and the loop ends with the first batch that changes nothing.
        while true {
            let transitions = try store.sweepTimers(at: now, limit: batchSize) { claim in
                claim.firingDueTimers(at: now, rules: rules)
            }
            guard !transitions.isEmpty else { break }
            summary.batches += 1
            summary.claims += transitions.count
            for transition in transitions {
                summary.emails += transition.emails.count
                for entry in transition.history {
                    if case .timer(let timer) = entry.event { summary.timers[timer, default: 0] += 1 }
                }
            }
        }
        // The store offers only the claims whose notice disagrees with the directory, a page at a time.
        var cursor: ClaimID?
        repeat {
            let batch = try store.sweepDirectory(at: now, after: cursor, limit: batchSize) { claim, directory in
                claim.reconciled(with: directory, at: now, rules: rules)
            }
            if !batch.transitions.isEmpty {
                summary.batches += 1
                summary.claims += batch.transitions.count
                summary.subscriptionNotices += batch.transitions.count
            }
            cursor = batch.next
        } while cursor != nil
        return summary
    }
}
