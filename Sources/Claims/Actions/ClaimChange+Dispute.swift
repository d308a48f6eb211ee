extension ClaimChange {
    mutating func dispute(justification: String, evidence: [ProofOfExecution.Upload]) throws(ClaimError) {
        guard case .partner(let user) = actor else { throw .notAllowedForActor(action: .dispute, actor: actor.kind) }
        let justification = try ClaimChange.optional(justification)
        guard !justification.isEmpty || !evidence.isEmpty else { throw .disputeNeedsJustificationOrEvidence }
        var uploaded = claim.evidence
        for upload in evidence {
            try ClaimChange.check(upload, against: uploaded)
            uploaded.append(ProofOfExecution(upload, uploadedBy: actor, uploadedAt: now))
        }

        claim.dispute = Dispute(
            disputedAt: now, disputedBy: user.id, justification: justification, evidence: evidence.map(\.id),
            answerDueAt: calendar.end(ofBusinessDays: policy.disputeAnswerBusinessDays, after: now)
        )
        move(to: .disputed, comment: justification)
        evidence.forEach { addEvidence($0) }
    }

    mutating func decideDispute(_ decision: DisputeDecision, comment: String, claimsOnSameTenant others: [Claim]) throws(ClaimError) {
        let reviewer = try reviewerID(for: .decideDispute)
        let comment = try ClaimChange.optional(comment)
        if decision == .overturn { try refuseWhileConflicted(among: others) }

        claim.dispute?.decision = decision
        claim.dispute?.decidedAt = now
        claim.dispute?.decidedBy = reviewer
        claim.dispute?.decisionComment = comment
        claim.review.assignedReviewer = reviewer
        switch decision {
        case .uphold:
            claim.rejection?.disputeWindow = nil
            claim.closedAt = now
            move(to: .rejectedFinal, reasons: claim.rejection?.reasons.map(\.messageKey) ?? [], comment: comment)
        case .overturn:
            move(to: .approved, comment: comment)
            takeOverAssociations(among: others)
            openConsentWindow(approvedBy: reviewer)
        }
        emailPartner(.disputeDecision, ["decision": decision.messageKey, "comment": comment])
    }
}
