import Foundation

extension Claim {
    /// Where the customer's consent stands at `now` under `policy`: whether they may still decline
    /// the association, until when, and what a decline does.
    public func consentStanding(at now: Date, policy: Policy) -> ConsentStanding {
        guard let approval else { return .ended }
        switch state {
        case .approved:
            let window = approval.consentWindow
            let inWindow = !approval.isSentForIncentiveEvaluation && window.isOpen(at: now)
            // The sweep may run late; the association was sent when the window closed all the same.
            let sentAt = approval.sentForIncentiveEvaluationAt ?? window.closesAt
            switch (inWindow, policy.customerMayDeclineAtAnyTime) {
            case (true, false): return .open(closesAt: window.closesAt)
            case (true, true): return .openAtAnyTime(windowClosesAt: window.closesAt)
            case (false, false): return .windowClosed(closedAt: sentAt)
            case (false, true): return .openAfterEvaluation(sentAt: sentAt)
            }
        case .rejectedFinal where rejection?.reasons.contains(.customerRejection) == true:
            return .denied(at: rejection?.rejectedAt ?? now)
        case .ended where endCause == .customerDeclined:
            return .endedByCustomer(at: approval.ends.last?.endedAt ?? now)
        default:
            return .ended
        }
    }
}
