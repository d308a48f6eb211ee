/// Where a claim is in the workflow, exactly the states the workflow lists.
/// Raw values are stored; never rename one.
public enum ClaimState: String, CaseIterable, CaseHashed, Codable, Sendable, MessageKeyed {
    /// Shown as "Editing".
    case draft = "draft"
    case submitted = "submitted"
    case inReview = "in_review"
    case partnerActionRequired = "partner_action_required"
    /// Also covers "sent for incentive evaluation", which is a fact on an approved claim, not a state.
    case approved = "approved"
    case rejected = "rejected"
    case disputed = "disputed"
    case rejectedFinal = "rejected_final"
    /// An approved association that ended after approval: the customer declined it once it had been
    /// sent for incentive evaluation (2023 edition), or a competing claim with more recent PoE was
    /// approved for all its workloads (July 2020 update). `Approval.ends` says which, and when.
    case ended = "ended"

    public var messageKey: String { "state.\(rawValue)" }

    /// A claim in one of these states holds its tenant's workloads against other partners.
    public var holdsAssociation: Bool {
        switch self {
        case .submitted, .inReview, .partnerActionRequired, .approved, .disputed: true
        case .draft, .rejected, .rejectedFinal, .ended: false
        }
    }

    /// Partner edits allowed in this state.
    public var editableFields: Set<ClaimField> {
        switch self {
        case .draft: Set(ClaimField.allCases)
        case .submitted, .partnerActionRequired: ClaimField.editableAfterSubmission
        case .inReview, .approved, .rejected, .disputed, .rejectedFinal, .ended: []
        }
    }
}

extension ClaimState {
    /// Whether the partner has the next move: a draft to finish, a reviewer's request to answer, or
    /// a rejection that can still be disputed (a claim is Rejected only while its dispute window is open).
    public var needsPartnerAction: Bool {
        switch self {
        case .draft, .partnerActionRequired, .rejected: true
        case .submitted, .inReview, .approved, .disputed, .rejectedFinal, .ended: false
        }
    }
}
