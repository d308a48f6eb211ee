extension ClaimChange {
    /// The partner ends the claim: a request to reject one under way, or a disassociation from an
    /// approved one. Either way it is final, with reason "Partner request", and cannot be disputed.
    mutating func withdraw(reason: String) throws(ClaimError) {
        let reason = try ClaimChange.required(reason, or: .explanationRequired)
        close(reason: .partnerRequest, comment: reason)
    }

    /// Inside the consent window the customer's denial rejects the claim for good. Under the 2023
    /// edition they may decline later too: the association, already sent for incentive evaluation,
    /// then ends (see `ConsentStanding.declineEndsTheAssociation`).
    mutating func denyConsent(token: ConsentToken, reason: String) throws(ClaimError) {
        guard claim.acceptsConsentToken(token) else { throw .invalidConsentToken }
        let reason = try ClaimChange.optional(reason)
        if claim.consentStanding(at: now, policy: policy).declineEndsTheAssociation {
            endByCustomer(reason: reason)
            return
        }
        close(reason: .customerRejection, comment: reason)
        // The partner learns of the denial by the rejection e-mail; there is nothing to dispute.
        emailPartner(.rejection, [
            "reasons": RejectionReason.customerRejection.messageKey,
            "comment": reason,
            "disputable": "false",
        ])
    }

    /// Rejected (final) without a dispute window.
    mutating func close(reason: RejectionReason, comment: String) {
        claim.rejection = Rejection(rejectedAt: now, rejectedBy: actor, reasons: [reason], comment: comment, disputeWindow: nil)
        claim.partnerAction = nil
        claim.review.decisionClock = nil
        claim.closedAt = now
        move(to: .rejectedFinal, reasons: [reason.messageKey], comment: comment)
    }

    /// Ended, with the customer's reason: the whole association, whatever it holds.
    private mutating func endByCustomer(reason: String) {
        claim.approval?.ends.append(AssociationEnd(endedAt: now, endedBy: actor, cause: .customerDeclined,
                                                   products: claim.details.products, comment: reason))
        claim.closedAt = now
        move(to: .ended, reasons: [AssociationEnd.Cause.customerDeclined.messageKey], comment: reason)
        emailPartner(.endedByCustomer, ["comment": reason, "ended_at": now.messageArgument])
    }
}
