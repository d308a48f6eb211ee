import Foundation

extension Claim {
    /// The one way a claim changes.
    ///
    /// First asks `availability(of:for:at:rules:claimsOnSameTenant:)` and throws its refusal, then
    /// checks the action's payload; so what a page offers and what is accepted cannot disagree.
    ///
    /// - Parameters:
    ///   - now: the current instant, from the caller's clock.
    ///   - claimsOnSameTenant: the other claims on this claim's customer tenant, used to refuse a
    ///     duplicate filing, to hold approval while a competing claim remains, and to find the older
    ///     associations an approval takes over (returned in `Transition.otherClaims`). Only needed
    ///     for submit, edit after submission, resubmit, approve and overturning a dispute.
    ///   - directory: the tenant directory's entries for this claim's tenant and, for an edit, the
    ///     form's; only editing a draft and submitting consult it.
    public func applying(
        _ action: ClaimAction,
        by actor: Actor,
        at now: Date,
        rules: WorkflowRules,
        claimsOnSameTenant: [Claim] = [],
        directory: TenantDirectory = .notLoaded
    ) throws(ClaimError) -> Transition {
        if case .refused(let refusal) = availability(of: action.kind, for: actor, at: now, rules: rules, claimsOnSameTenant: claimsOnSameTenant) {
            // The token is all a customer has to show: a wrong one hears only that, and not when
            // this claim's consent window closed.
            if case .denyConsent(let token, _) = action, refusal.code == .windowClosed, !acceptsConsentToken(token) {
                throw .invalidConsentToken
            }
            throw refusal
        }

        var change = ClaimChange(self, actor: actor, now: now, rules: rules)
        switch action {
        case .edit(let form): try change.edit(form, claimsOnSameTenant: claimsOnSameTenant, directory: directory)
        case .addProofOfExecution(let upload): try change.addProofOfExecution(upload)
        case .addComment(let text): try change.comment(text)
        case .submit: try change.submit(claimsOnSameTenant: claimsOnSameTenant, directory: directory)
        case .startReview: try change.startReview()
        case .reassign(let reviewer): try change.reassign(to: reviewer)
        case .approve: try change.approve(claimsOnSameTenant: claimsOnSameTenant)
        case .reject(let reasons, let comment): try change.reject(reasons: reasons, comment: comment)
        case .requestPartnerAction(let reasons, let comment, let products):
            try change.requestPartnerAction(reasons: reasons, comment: comment, productsToRemove: products)
        case .resubmit(let comment): try change.resubmit(comment: comment, claimsOnSameTenant: claimsOnSameTenant)
        case .requestRejection(let reason): try change.withdraw(reason: reason)
        case .disassociate(let reason): try change.withdraw(reason: reason)
        case .denyConsent(let token, let reason): try change.denyConsent(token: token, reason: reason)
        case .dispute(let justification, let evidence): try change.dispute(justification: justification, evidence: evidence)
        case .decideDispute(let decision, let comment):
            try change.decideDispute(decision, comment: comment, claimsOnSameTenant: claimsOnSameTenant)
        case .timer(let timer): try change.fire(timer)
        }
        return change.finished()
    }
}
