extension ClaimChange {
    /// The partner ends the claim: a request to reject one under way, or a disassociation from an
    /// approved one. Either way it is final, with reason "Partner request", and cannot be disputed.
    mutating func withdraw(reason: String) throws(ClaimError) {
        let reason = try ClaimChange.required(reason, or: .explanationRequired)
        close(reason: .partnerRequest, comment: reason)
    }

    mutating func denyConsent(token: ConsentToken, reason: String) throws(ClaimError) {
        guard claim.acceptsConsentToken(token) else { throw .invalidConsentToken }
        let reason = try ClaimChange.optional(reason)
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
}
