/// Every kind of action on an existing claim, without its payload; permissions and errors
/// are stated per kind. Creating a claim is not here: it has no "from" state (see `Claim.draft`).
public enum ActionKind: String, CaseIterable, Codable, Sendable, MessageKeyed {
    case edit = "edit"
    case addProofOfExecution = "add_poe"
    case addComment = "add_comment"
    case submit = "submit"
    case startReview = "start_review"
    case reassign = "reassign"
    case approve = "approve"
    case reject = "reject"
    case requestPartnerAction = "request_partner_action"
    case resubmit = "resubmit"
    case requestRejection = "request_rejection"
    case disassociate = "disassociate"
    case denyConsent = "deny_consent"
    case dispute = "dispute"
    case decideDispute = "decide_dispute"
    case partnerResponseLapsed = "partner_response_lapsed"
    case consentWindowClosed = "consent_window_closed"
    case disputeWindowClosed = "dispute_window_closed"
    case partnerReminder = "partner_reminder"

    public var messageKey: String { "action.\(rawValue)" }

    /// Who may ever take this action, whatever the state.
    public var allowedActors: Set<ActorKind> {
        switch self {
        case .edit, .addProofOfExecution, .submit, .resubmit, .requestRejection, .disassociate, .dispute: [.partner]
        case .addComment: [.partner, .reviewer]
        case .startReview, .reassign, .approve, .reject, .requestPartnerAction, .decideDispute: [.reviewer]
        case .denyConsent: [.customer]
        case .partnerResponseLapsed, .consentWindowClosed, .disputeWindowClosed, .partnerReminder: [.system]
        }
    }

    /// The states in which `actor` may take this action.
    public func allowedStates(for actor: ActorKind) -> Set<ClaimState> {
        guard allowedActors.contains(actor) else { return [] }
        switch self {
        case .edit: return [.draft, .submitted, .partnerActionRequired]
        // The July 2020 update: fresh PoE on an approved association shows ongoing work, and keeps
        // it from being taken over by a competing claim with more recent PoE.
        case .addProofOfExecution: return [.draft, .submitted, .partnerActionRequired, .approved]
        case .addComment:
            // Partners comment while the claim is theirs to change and answer the reviewer while it is
            // in review; reviewers comment on anything submitted.
            return actor == .partner
                ? [.draft, .submitted, .inReview, .partnerActionRequired]
                : Set(ClaimState.allCases).subtracting([.draft])
        case .submit: return [.draft]
        case .startReview: return [.submitted]
        case .reassign: return [.inReview, .partnerActionRequired, .disputed]
        case .approve, .reject, .requestPartnerAction: return [.inReview]
        case .resubmit, .partnerResponseLapsed: return [.partnerActionRequired]
        case .requestRejection: return [.submitted, .inReview, .partnerActionRequired]
        case .disassociate, .denyConsent, .consentWindowClosed: return [.approved]
        case .dispute, .disputeWindowClosed: return [.rejected]
        case .decideDispute: return [.disputed]
        case .partnerReminder: return [.partnerActionRequired, .rejected]
        }
    }

    /// The timer a system action runs; nil for everyone else's actions.
    var systemTimer: SystemTimer? {
        switch self {
        case .partnerResponseLapsed: .partnerResponseLapsed
        case .consentWindowClosed: .consentWindowClosed
        case .disputeWindowClosed: .disputeWindowClosed
        case .partnerReminder: .partnerReminder
        case .edit, .addProofOfExecution, .addComment, .submit, .startReview, .reassign, .approve, .reject,
             .requestPartnerAction, .resubmit, .requestRejection, .disassociate, .denyConsent, .dispute, .decideDispute:
            nil
        }
    }
}
