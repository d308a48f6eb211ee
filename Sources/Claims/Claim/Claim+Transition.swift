import Foundation

extension Claim {
    /// The one way a claim changes.
    ///
    /// Checks, in this order, so the error names the first thing the actor can do something about:
    /// who may take the action at all, whether the claim is their organization's, whether the
    /// claim's state allows it, whether a deadline has already passed, then the action's own rules.
    ///
    /// - Parameters:
    ///   - now: the current instant, from the caller's clock.
    ///   - claimsOnSameTenant: the other claims on this claim's customer tenant, used to refuse a
    ///     duplicate filing and to hold approval while a competing claim remains. Only needed for
    ///     submit, edit after submission, resubmit, approve and overturning a dispute.
    public func applying(
        _ action: ClaimAction,
        by actor: Actor,
        at now: Date,
        rules: WorkflowRules,
        claimsOnSameTenant: [Claim] = []
    ) throws(ClaimError) -> Transition {
        let kind = action.kind
        guard kind.allowedActors.contains(actor.kind) else {
            throw .notAllowedForActor(action: kind, actor: actor.kind)
        }
        if case .partner(let user) = actor, user.organization != organization {
            throw .otherOrganization(claim: id)
        }
        guard kind.allowedStates(for: actor.kind).contains(state) else {
            throw .wrongState(action: kind, state: state, claim: id)
        }
        // Until the system runs the lapse, the claim still sits in Partner action required;
        // the partner must not be able to slip a response in after the deadline.
        if actor.kind == .partner, state == .partnerActionRequired, let request = partnerAction, now >= request.respondBy {
            throw .windowClosed(.partnerResponse, closedAt: request.respondBy)
        }

        var change = ClaimChange(self, actor: actor, now: now, rules: rules)
        switch action {
        case .edit(let form): try change.edit(form, claimsOnSameTenant: claimsOnSameTenant)
        case .addProofOfExecution(let upload): try change.addProofOfExecution(upload)
        case .addComment(let text): try change.comment(text)
        case .submit: try change.submit(claimsOnSameTenant: claimsOnSameTenant)
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
