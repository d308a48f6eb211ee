import Claims

/// What a reviewer can do to a claim from its review page; each is `POST /review/<id>/<step>`.
/// Decisions and reassignment come back first as a confirmation page that restates what will
/// happen; only the confirmed POST changes the claim.
enum ReviewStep: String, CaseIterable, Sendable {
    case start
    case reassign
    case approve
    case reject
    case requestAction = "request-action"
    case decideDispute = "decide-dispute"
    case comment

    /// Whether the step asks "are you sure?" before it acts.
    var needsConfirmation: Bool {
        switch self {
        case .start, .comment: false
        case .reassign, .approve, .reject, .requestAction, .decideDispute: true
        }
    }

    /// The domain's name for the step, for messages.
    var actionKind: ActionKind {
        switch self {
        case .start: .startReview
        case .reassign: .reassign
        case .approve: .approve
        case .reject: .reject
        case .requestAction: .requestPartnerAction
        case .decideDispute: .decideDispute
        case .comment: .addComment
        }
    }
}
