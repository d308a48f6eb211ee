/// Something an actor asks to do to an existing claim, with what it needs.
public enum ClaimAction: Hashable, Sendable {
    /// The whole form as the partner saved it; only changed fields are recorded.
    case edit(ClaimForm)
    case addProofOfExecution(ProofOfExecution.Upload)
    case addComment(String)
    case submit
    /// The reviewer taking the claim becomes its assigned reviewer.
    case startReview
    case reassign(to: UserID)
    case approve
    case reject(reasons: [RejectionReason], comment: String)
    case requestPartnerAction(reasons: [PartnerActionReason], comment: String, productsToRemove: [Product])
    /// The partner's answer to a request for action; the comment may be empty.
    case resubmit(comment: String)
    /// The partner withdraws a claim under way.
    case requestRejection(reason: String)
    /// The partner withdraws an approved association.
    case disassociate(reason: String)
    /// The customer, holding the token from their consent e-mail, denies the association.
    case denyConsent(token: ConsentToken, reason: String)
    /// A business justification, new PoE, or both.
    case dispute(justification: String, evidence: [ProofOfExecution.Upload])
    case decideDispute(DisputeDecision, comment: String)
    case timer(SystemTimer)

    public var kind: ActionKind {
        switch self {
        case .edit: .edit
        case .addProofOfExecution: .addProofOfExecution
        case .addComment: .addComment
        case .submit: .submit
        case .startReview: .startReview
        case .reassign: .reassign
        case .approve: .approve
        case .reject: .reject
        case .requestPartnerAction: .requestPartnerAction
        case .resubmit: .resubmit
        case .requestRejection: .requestRejection
        case .disassociate: .disassociate
        case .denyConsent: .denyConsent
        case .dispute: .dispute
        case .decideDispute: .decideDispute
        case .timer(.partnerResponseLapsed): .partnerResponseLapsed
        case .timer(.consentWindowClosed): .consentWindowClosed
        case .timer(.disputeWindowClosed): .disputeWindowClosed
        case .timer(.partnerReminder): .partnerReminder
        }
    }
}
