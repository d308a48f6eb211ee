import Foundation

extension ClaimChange {
    /// A timer takes effect at its deadline, not when the sweep happens to run, so a late sweep
    /// gives the same dates as a punctual one.
    mutating func fire(_ timer: SystemTimer) throws(ClaimError) {
        record(.timer(timer))
        switch timer {
        case .partnerResponseLapsed:
            guard let request = claim.partnerAction else { return }
            claim.review.decisionClock = nil
            rejectDisputably(reasons: [.noPartnerResponse], comment: "", effectiveAt: request.respondBy)
        case .consentWindowClosed:
            let closedAt = claim.approval?.consentWindow.closesAt
            claim.approval?.sentForIncentiveEvaluationAt = closedAt
        case .disputeWindowClosed:
            claim.closedAt = claim.rejection?.disputeWindow?.closesAt
            move(to: .rejectedFinal, reasons: claim.rejection?.reasons.map(\.messageKey) ?? [])
        case .partnerReminder:
            remindPartner()
        }
    }

    private mutating func remindPartner() {
        let deadline: Deadline
        if claim.state == .partnerActionRequired, let request = claim.partnerAction {
            claim.partnerAction?.reminderSent = true
            deadline = Deadline(kind: .partnerResponse, dueAt: request.respondBy)
        } else if let window = claim.rejection?.disputeWindow {
            claim.rejection?.disputeWindow?.reminderSent = true
            deadline = Deadline(kind: .disputeWindow, dueAt: window.closesAt)
        } else {
            return
        }
        emailPartner(.deadlineReminder, ["deadline": deadline.kind.messageKey, "due_at": deadline.dueAt.messageArgument])
    }
}
