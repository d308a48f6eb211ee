import Foundation

extension Claim {
    /// Where the customer's consent stands at `now`: whether they may still deny the association.
    public func consentStanding(at now: Date) -> ConsentStanding {
        guard let approval else { return .ended }
        switch state {
        case .approved where !approval.isSentForIncentiveEvaluation && approval.consentWindow.isOpen(at: now):
            return .open(closesAt: approval.consentWindow.closesAt)
        case .approved:
            return .windowClosed(closedAt: approval.sentForIncentiveEvaluationAt ?? approval.consentWindow.closesAt)
        case .rejectedFinal where rejection?.reasons.contains(.customerRejection) == true:
            return .denied(at: rejection?.rejectedAt ?? now)
        default:
            return .ended
        }
    }
}
