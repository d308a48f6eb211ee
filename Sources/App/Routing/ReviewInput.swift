import Claims

/// What a reviewer typed and picked on the review page, read from a form or a query. Kept whole
/// so that a refused decision re-renders the page with all of it still filled in.
struct ReviewInput: Equatable, Sendable {
    /// The claim version the page was rendered from; nil when the form sent none.
    var version: Int?
    var comment = ""
    var rejectionReasons: [RejectionReason] = []
    var partnerActionReasons: [PartnerActionReason] = []
    var productsToRemove: [Product] = []
    var disputeDecision: DisputeDecision?
    /// The second POST, from the confirmation page.
    var confirmed = false
    /// Which decision form the comment belongs to, so it reappears in the same box.
    var step: ReviewStep?

    init() {}

    init(fields: [(String, String)], step: ReviewStep?) {
        self.step = step
        for (name, value) in fields {
            switch name {
            case "version": version = Int(value)
            case "comment": comment = value
            case "rejection_reason": RejectionReason(rawValue: value).map { rejectionReasons.append($0) }
            case "partner_action_reason": PartnerActionReason(rawValue: value).map { partnerActionReasons.append($0) }
            case "remove_product": Product(rawValue: value).map { productsToRemove.append($0) }
            case "decision": disputeDecision = DisputeDecision(rawValue: value)
            case "confirmed": confirmed = value == "yes"
            default: break
            }
        }
    }

    /// The domain action the step asks for; nil when the form lacks what the step needs to be
    /// an action at all (a dispute decision with neither choice picked).
    func action(for step: ReviewStep, reviewer: UserID) -> ClaimAction? {
        switch step {
        case .start: .startReview
        case .reassign: .reassign(to: reviewer)
        case .approve: .approve
        case .reject: .reject(reasons: rejectionReasons, comment: comment)
        case .requestAction:
            .requestPartnerAction(reasons: partnerActionReasons, comment: comment, productsToRemove: productsToRemove)
        case .decideDispute: disputeDecision.map { .decideDispute($0, comment: comment) }
        case .comment: .addComment(comment)
        }
    }

    /// The fields that carry this input through the confirmation page unchanged.
    var hiddenFields: [(String, String)] {
        var fields: [(String, String)] = []
        if let version { fields.append(("version", String(version))) }
        fields.append(("comment", comment))
        fields += rejectionReasons.map { ("rejection_reason", $0.rawValue) }
        fields += partnerActionReasons.map { ("partner_action_reason", $0.rawValue) }
        fields += productsToRemove.map { ("remove_product", $0.rawValue) }
        if let disputeDecision { fields.append(("decision", disputeDecision.rawValue)) }
        return fields
    }
}
