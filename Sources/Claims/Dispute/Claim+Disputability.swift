import Foundation

extension Claim {
    /// Whether the partner may dispute the rejection at `now`: a reviewer's rejection or one for
    /// no partner response, inside its dispute window, and only if the claim was never disputed.
    public func isDisputable(at now: Date) -> Bool {
        guard state == .rejected, dispute == nil, let rejection, rejection.isDisputable,
              let window = rejection.disputeWindow else { return false }
        return window.isOpen(at: now)
    }
}
