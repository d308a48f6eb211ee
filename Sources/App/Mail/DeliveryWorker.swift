import Foundation
import Mail
import Storage

/// Takes due messages from the outbox and hands them to the transport, one at a time. A message
/// is marked sent only after the transport accepted it, so a crash in between sends it again on
/// restart (with the same Message-ID) rather than never; a failure is retried with exponential
/// back-off and, after the last attempt or a permanent refusal, marked failed — kept and listed.
public struct DeliveryWorker: Sendable {
    public struct Report: Sendable, Equatable {
        public var sent: Int
        public var retrying: Int
        public var failed: Int

        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
        }
    }

    let outbox: any OutboxStore
    let composer: EmailComposer
    let transport: any MailTransport
    let settings: MailSettings
    let now: @Sendable () -> Date
    let log: @Sendable (String) -> Void

    /// Messages taken from the outbox at a time. Each batch is leased for `lease`: long enough for
    /// every message in it to use its whole SMTP time-out several times over, so another worker (on
    /// this node or another sharing the database) never takes a message this one is still sending.
    static let batch = 10
    static let lease: TimeInterval = 15 * 60

    /// One pass over what is due now; returns what happened. Stops early when `shouldStop` says so,
    /// giving back the messages it took and did not try; after a crash they are due when their lease ends.
    @discardableResult
    public func deliverDue(limit: Int = 100, shouldStop: () -> Bool = { false }) -> Report {
        var report = Report()
        var taken = 0
        while taken < limit, !shouldStop() {
            let due: [Outbox.Message]
            do {
                let at = now()
                due = try outbox.claimDue(at: at, limit: min(Self.batch, limit - taken), leaseUntil: at.addingTimeInterval(Self.lease))
            } catch {
                log("mail: reading the outbox failed: \(error)")
                return report
            }
            if due.isEmpty { break }
            taken += due.count
            for (index, message) in due.enumerated() {
                if shouldStop() {
                    // Not tried: due again at once for whichever worker runs next, not when the lease ends.
                    let untried = due[index...].map(\.id)
                    do { try outbox.release(untried, dueAt: now()) } catch {
                        log("mail: returning \(untried.count) untried messages to the outbox failed (they are due again in \(Int(Self.lease / 60)) minutes): \(error)")
                    }
                    return report
                }
                deliver(message, report: &report)
            }
        }
        return report
    }

    private func deliver(_ message: Outbox.Message, report: inout Report) {
        let failure: MailError
        do {
            try transport.send(composer.compose(message))
            do {
                try outbox.markSent(message.id, at: now())
                report.sent += 1
            } catch {
                log("mail: outbox message \(message.id) was sent but could not be marked sent: \(error)")
            }
            return
        } catch let error as MailError {
            failure = error
        } catch {
            // Composition failed: a template or catalog problem that a retry will not fix by itself,
            // but a fixed deployment will, so it is retried like a temporary failure.
            failure = .temporary("could not compose: \(error)")
        }
        let attempts = message.attempts + 1
        let retryAt = failure.isTemporary
            ? settings.retryDelay(afterFailedAttempts: attempts).map { now().addingTimeInterval($0) } : nil
        do {
            try outbox.markFailed(message.id, error: failure.description, retryAt: retryAt)
        } catch {
            log("mail: recording the failure of outbox message \(message.id) failed: \(error)")
        }
        if retryAt == nil {
            report.failed += 1
            log("mail: outbox message \(message.id) (\(message.email.kind.rawValue)) failed after \(attempts) attempts: \(failure)")
        } else {
            report.retrying += 1
            log("mail: outbox message \(message.id) will be retried: \(failure)")
        }
    }
}
