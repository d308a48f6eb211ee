import Claims
import Foundation

/// Where a consent link stands, as the customer needs to hear it.
enum ConsentSituation: Equatable {
    /// The window is open: the customer may deny until `closesAt`.
    case open(closesAt: Date)
    /// The customer denied on `at`.
    case denied(at: Date)
    /// The window closed without a denial: the association stands.
    case windowClosed(closedAt: Date)
    /// The association ended another way (the partner withdrew it, or it is being reconsidered):
    /// nothing is waiting for the customer.
    case ended

    init(_ claim: Claim, now: Date) {
        guard let approval = claim.approval else { self = .ended; return }
        switch claim.state {
        case .approved where !approval.isSentForIncentiveEvaluation && approval.consentWindow.isOpen(at: now):
            self = .open(closesAt: approval.consentWindow.closesAt)
        case .approved:
            self = .windowClosed(closedAt: approval.sentForIncentiveEvaluationAt ?? approval.consentWindow.closesAt)
        case .rejectedFinal where claim.rejection?.reasons.contains(.customerRejection) == true:
            self = .denied(at: claim.rejection?.rejectedAt ?? now)
        default:
            self = .ended
        }
    }

    var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}
