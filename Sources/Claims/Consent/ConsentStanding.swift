import Foundation

/// Where a consent link stands, as the customer needs to hear it.
public enum ConsentStanding: Equatable, Sendable {
    /// The window is open: the customer may deny until `closesAt`.
    case open(closesAt: Date)
    /// The customer denied on `at`.
    case denied(at: Date)
    /// The window closed without a denial: the association stands.
    case windowClosed(closedAt: Date)
    /// The association ended another way (the partner withdrew it, or it is being reconsidered):
    /// nothing is waiting for the customer.
    case ended

    public var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}
