import Foundation

/// Why and by whom a claim was rejected.
public struct Rejection: Hashable, Codable, Sendable {
    public let rejectedAt: Date
    public let rejectedBy: Actor
    public let reasons: [RejectionReason]
    public let comment: String
    /// nil when the rejection cannot be disputed (the partner's own request, the customer's denial).
    public var disputeWindow: DisputeWindow?

    public init(rejectedAt: Date, rejectedBy: Actor, reasons: [RejectionReason], comment: String, disputeWindow: DisputeWindow?) {
        self.rejectedAt = rejectedAt
        self.rejectedBy = rejectedBy
        self.reasons = reasons
        self.comment = comment
        self.disputeWindow = disputeWindow
    }

    public var isDisputable: Bool { disputeWindow != nil && reasons.allSatisfy(\.isDisputable) }
}
