import Foundation

/// Where a consent link stands, as the customer needs to hear it.
public enum ConsentStanding: Equatable, Sendable {
    /// The window is open: the customer may deny until `closesAt` (the seed's rule).
    case open(closesAt: Date)
    /// The customer may decline at any time (the 2023 edition). Until `windowClosesAt` a decline
    /// rejects the claim; after it the association is sent for incentive evaluation.
    case openAtAnyTime(windowClosesAt: Date)
    /// The association was sent for incentive evaluation at `sentAt` and stands, but under the 2023
    /// edition the customer may still decline it: that ends it.
    case openAfterEvaluation(sentAt: Date)
    /// The customer denied on `at`, inside the window: the claim was rejected.
    case denied(at: Date)
    /// The customer declined on `at`, after the association was sent for incentive evaluation: it ended.
    case endedByCustomer(at: Date)
    /// The window closed without a denial: the association stands.
    case windowClosed(closedAt: Date)
    /// The association ended another way (the partner withdrew it, a competing claim replaced it, or
    /// it is being reconsidered): nothing is waiting for the customer.
    case ended

    /// Whether the customer may decline now.
    public var isOpen: Bool {
        switch self {
        case .open, .openAtAnyTime, .openAfterEvaluation: true
        case .denied, .endedByCustomer, .windowClosed, .ended: false
        }
    }

    /// Whether a decline now ends an association that stands, rather than rejecting the claim.
    public var declineEndsTheAssociation: Bool {
        if case .openAfterEvaluation = self { return true }
        return false
    }
}
