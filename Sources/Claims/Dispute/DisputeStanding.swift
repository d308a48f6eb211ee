import Foundation

/// Whether the partner may still dispute a claim's rejection, and if not, why.
public enum DisputeStanding: Equatable, Sendable {
    /// The partner may dispute until `closesAt` (exclusive).
    case open(closesAt: Date)
    /// Only a rejected claim can be disputed.
    case notRejected
    /// A claim is disputed once; it was.
    case alreadyDisputed
    /// The partner's own request or the customer's denial: nothing to dispute.
    case notDisputable
    /// The dispute window closed at `closedAt`.
    case windowClosed(closedAt: Date)

    public var isOpen: Bool {
        if case .open = self { return true }
        return false
    }

    /// Key of the sentence telling the partner why they cannot dispute; nil while they can.
    public var messageKey: String? {
        switch self {
        case .open: nil
        case .notRejected: "partner.dispute.closed.not_rejected"
        case .alreadyDisputed: "partner.dispute.closed.already"
        case .notDisputable: "partner.dispute.closed.not_disputable"
        case .windowClosed: "partner.dispute.closed.window"
        }
    }

    /// Every key `messageKey` can return, for the catalog check.
    static let closedMessageKeys: Set<String> = Set(
        [DisputeStanding.notRejected, .alreadyDisputed, .notDisputable, .windowClosed(closedAt: .distantPast)].compactMap(\.messageKey)
    )
}
