import Foundation

extension Claim {
    /// Whether the partner may dispute the rejection at `now`, and if not, why. Checked in the
    /// order the partner is told: a claim disputed before says so whatever came after.
    /// A disputable rejection is a reviewer's or one for no partner response, inside its window.
    public func disputeStanding(at now: Date) -> DisputeStanding {
        if dispute != nil { return .alreadyDisputed }
        guard state == .rejected || state == .rejectedFinal, let rejection else { return .notRejected }
        guard rejection.isDisputable, let window = rejection.disputeWindow else { return .notDisputable }
        // Rejected (final) is past its window even when asked about an earlier instant.
        guard state == .rejected, window.isOpen(at: now) else { return .windowClosed(closedAt: window.closesAt) }
        return .open(closesAt: window.closesAt)
    }

    /// Whether the partner may dispute the rejection at `now` (see `disputeStanding(at:)`).
    public func isDisputable(at now: Date) -> Bool { disputeStanding(at: now).isOpen }

    /// Whether the outcome is settled against the partner, so trying again means filing a new
    /// claim (which may start as a copy of this one): rejected for good, rejected with no dispute
    /// left to make, or an association that ended.
    public func mayStartNewClaimFromIt(at now: Date) -> Bool {
        state == .rejectedFinal || state == .ended || (state == .rejected && !disputeStanding(at: now).isOpen)
    }
}
