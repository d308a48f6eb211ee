import Foundation

/// A partner's claim to be associated with a customer's workloads.
///
/// A plain value: every change is made by `applying(_:by:at:rules:claimsOnSameTenant:)`, which
/// returns the next value. `version` counts changes so a store can refuse a write made from a
/// stale copy (optimistic concurrency).
public struct Claim: Hashable, Codable, Sendable, Identifiable {
    public let id: ClaimID
    public internal(set) var version: Int
    public let organization: OrganizationID
    public let createdBy: UserID
    public let createdAt: Date
    public internal(set) var state: ClaimState
    public internal(set) var details: ClaimDetails
    /// Every PoE ever uploaded, oldest first.
    public internal(set) var evidence: [ProofOfExecution]
    public internal(set) var comments: [Comment]
    public internal(set) var review: ReviewProgress
    /// Present only while the claim is in Partner action required.
    public internal(set) var partnerAction: PartnerActionRequest?
    /// The current approval; kept after a disassociation or a denial, for the record.
    public internal(set) var approval: Approval?
    /// The current rejection; cleared when a dispute is overturned.
    public internal(set) var rejection: Rejection?
    /// A claim may be disputed once; this stays after the decision.
    public internal(set) var dispute: Dispute?
    /// When the claim reached Rejected (final) or Ended.
    public internal(set) var closedAt: Date?
    /// Set while the tenant directory lists an approved association's subscription as disabled.
    public internal(set) var subscriptionNotice: SubscriptionNotice?

    public init(
        id: ClaimID, version: Int, organization: OrganizationID, createdBy: UserID, createdAt: Date,
        state: ClaimState, details: ClaimDetails, evidence: [ProofOfExecution] = [], comments: [Comment] = [],
        review: ReviewProgress = ReviewProgress(), partnerAction: PartnerActionRequest? = nil,
        approval: Approval? = nil, rejection: Rejection? = nil, dispute: Dispute? = nil, closedAt: Date? = nil,
        subscriptionNotice: SubscriptionNotice? = nil
    ) {
        self.id = id
        self.version = version
        self.organization = organization
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.state = state
        self.details = details
        self.evidence = evidence
        self.comments = comments
        self.review = review
        self.partnerAction = partnerAction
        self.approval = approval
        self.rejection = rejection
        self.dispute = dispute
        self.closedAt = closedAt
        self.subscriptionNotice = subscriptionNotice
    }

    public var hasBeenDisputed: Bool { dispute != nil }
}
