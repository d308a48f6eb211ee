import Foundation

extension Claim {
    /// The deadline that applies in the claim's current state, if any: the reviewer's service
    /// level (pick-up, decision, dispute answer) or the partner's or customer's window.
    /// While the partner acts, the decision clock is paused (see `DecisionClock`) and the
    /// partner's response deadline is the one that applies.
    public var currentDeadline: Deadline? {
        switch state {
        case .submitted:
            review.pickUpDueAt.map { Deadline(kind: .pickUp, dueAt: $0) }
        case .inReview:
            if case .running(let dueAt)? = review.decisionClock { Deadline(kind: .decision, dueAt: dueAt) } else { nil }
        case .partnerActionRequired:
            partnerAction.map { Deadline(kind: .partnerResponse, dueAt: $0.respondBy) }
        case .approved:
            approval.flatMap { $0.isSentForIncentiveEvaluation ? nil : Deadline(kind: .consentWindow, dueAt: $0.consentWindow.closesAt) }
        case .rejected:
            rejection?.disputeWindow.map { Deadline(kind: .disputeWindow, dueAt: $0.closesAt) }
        case .disputed:
            dispute.map { Deadline(kind: .disputeAnswer, dueAt: $0.answerDueAt) }
        case .draft, .rejectedFinal, .ended:
            nil
        }
    }

    /// Whether the current deadline has passed. For reviewers' lists of overdue work.
    public func isOverdue(at now: Date) -> Bool { currentDeadline?.isOverdue(at: now) ?? false }

    /// Business time left on a paused decision clock, to show beside the partner's deadline.
    public var pausedDecisionTime: TimeInterval? {
        if case .paused(_, let remaining, _)? = review.decisionClock { remaining } else { nil }
    }
}
