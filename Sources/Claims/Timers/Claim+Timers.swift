import Foundation

extension Claim {
    /// The timer that should run now, if any. When a deadline has passed, its lapse wins over
    /// a reminder for it that was never sent: reminding of a deadline already gone helps no one.
    public func dueTimer(at now: Date) -> SystemTimer? {
        switch state {
        case .partnerActionRequired:
            guard let request = partnerAction else { return nil }
            if now >= request.respondBy { return .partnerResponseLapsed }
            if let remindAt = request.remindAt, !request.reminderSent, now >= remindAt { return .partnerReminder }
        case .approved:
            if let approval, !approval.isSentForIncentiveEvaluation, now >= approval.consentWindow.closesAt {
                return .consentWindowClosed
            }
        case .rejected:
            guard let window = rejection?.disputeWindow else { return nil }
            if now >= window.closesAt { return .disputeWindowClosed }
            if let remindAt = window.remindAt, !window.reminderSent, now >= remindAt { return .partnerReminder }
        case .draft, .submitted, .inReview, .disputed, .rejectedFinal, .ended:
            break
        }
        return nil
    }

    /// The earliest instant at which a timer could change this claim; nil when none can.
    /// A store indexes it, so the sweep reads only the claims that are due.
    public var nextTimerDue: Date? {
        switch state {
        case .partnerActionRequired:
            guard let request = partnerAction else { return nil }
            return [request.reminderSent ? nil : request.remindAt, request.respondBy].compactMap { $0 }.min()
        case .approved:
            guard let approval, !approval.isSentForIncentiveEvaluation else { return nil }
            return approval.consentWindow.closesAt
        case .rejected:
            guard let window = rejection?.disputeWindow else { return nil }
            return [window.reminderSent ? nil : window.remindAt, window.closesAt].compactMap { $0 }.min()
        case .draft, .submitted, .inReview, .disputed, .rejectedFinal, .ended:
            return nil
        }
    }

    /// Runs every timer due at `now`, as one transition; nil when nothing is due.
    /// Running it again for the same `now` on the result yields nil.
    public func firingDueTimers(at now: Date, rules: WorkflowRules) -> Transition? {
        var claim = self
        var history: [HistoryEntry] = []
        var emails: [OutgoingEmail] = []
        // Each timer clears its own cause, so this ends; the bound only guards against a bug.
        for _ in 0..<SystemTimer.allCases.count {
            guard let timer = claim.dueTimer(at: now),
                  let step = try? claim.applying(.timer(timer), by: .system, at: now, rules: rules)
            else { break }
            claim = step.claim
            history += step.history
            emails += step.emails
        }
        return history.isEmpty ? nil : Transition(claim: claim, history: history, emails: emails)
    }
}
