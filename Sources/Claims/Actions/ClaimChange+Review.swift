import Foundation

extension ClaimChange {
    mutating func submit(claimsOnSameTenant others: [Claim], directory: TenantDirectory) throws(ClaimError) {
        let missing = claim.details.missingForSubmission
        guard missing.isEmpty else { throw .incomplete(missing) }
        // Checked again here: the directory may have been re-imported since the draft was saved.
        let disagreements = claim.details.directoryDisagreements(in: directory)
        guard disagreements.isEmpty else { throw .directoryMismatch(disagreements) }
        guard !claim.evidence.isEmpty else { throw .missingProofOfExecution(claim: claim.id) }
        try ClaimChange.refuseDuplicate(of: claim, among: others)
        let newlyCompeting = competing(claim, among: others, notAlready: nil)

        claim.review.submittedAt = now
        claim.review.pickUpDueAt = calendar.end(ofBusinessDays: policy.pickUpBusinessDays, after: now)
        move(to: .submitted)
        flag(newlyCompeting)
    }

    mutating func startReview() throws(ClaimError) {
        let reviewer = try reviewerID(for: .startReview)
        claim.review.assignedReviewer = reviewer
        claim.review.reviewStartedAt = now
        claim.review.decisionClock = .running(dueAt: calendar.end(ofBusinessDays: policy.decisionBusinessDays, after: now))
        move(to: .inReview)
        record(.assignment(reviewer: reviewer))
    }

    mutating func reassign(to reviewer: UserID) throws(ClaimError) {
        guard claim.review.assignedReviewer != reviewer else { throw .alreadyAssigned(reviewer) }
        claim.review.assignedReviewer = reviewer
        record(.assignment(reviewer: reviewer))
    }

    /// The acting reviewer; availability has already let only reviewers through.
    func reviewerID(for action: ActionKind) throws(ClaimError) -> UserID {
        guard case .reviewer(let reviewer) = actor else { throw .notAllowedForActor(action: action, actor: actor.kind) }
        return reviewer
    }

    mutating func approve(claimsOnSameTenant others: [Claim]) throws(ClaimError) {
        let reviewer = try reviewerID(for: .approve)
        claim.review.decisionClock = nil
        move(to: .approved)
        takeOverAssociations(among: others)
        openConsentWindow(approvedBy: reviewer)
        var parameters = declineRule
        parameters["consent_window_closes_at"] = claim.approval?.consentWindow.closesAt.messageArgument
        emailPartner(.approval, parameters)
    }

    /// Tells an e-mail which consent rule applies, so it can say "until …" or "at any time".
    var declineRule: [String: String] {
        policy.customerMayDeclineAtAnyTime ? ["decline_at_any_time": "true"] : [:]
    }

    /// Approval, first or after an overturned dispute: the customer gets a fresh window and link.
    mutating func openConsentWindow(approvedBy reviewer: UserID) {
        let window = ConsentWindow(opensAt: now, closesAt: calendar.end(ofCalendarDays: policy.consentWindowCalendarDays, after: now))
        let token = rules.makeConsentToken()
        claim.approval = Approval(approvedAt: now, approvedBy: reviewer, consentWindow: window, consentToken: token)
        claim.rejection = nil
        emailCustomer(.consentRequest, declineRule.merging([
            "consent_token": token.rawValue,
            "partner_organization": claim.organization.rawValue,
            "consent_window_closes_at": window.closesAt.messageArgument,
        ]) { _, specific in specific })
    }

    mutating func reject(reasons: [RejectionReason], comment: String) throws(ClaimError) {
        _ = try reviewerID(for: .reject)
        guard !reasons.isEmpty else { throw .reasonRequired }
        if let reason = reasons.first(where: { !$0.isReviewerChoice }) { throw .reasonNotAllowed(reason) }
        let comment = try ClaimChange.optional(comment)
        claim.review.decisionClock = nil
        rejectDisputably(reasons: unique(reasons), comment: comment, effectiveAt: now)
    }

    /// A rejection the partner may dispute: by a reviewer, or because the partner did not respond.
    mutating func rejectDisputably(reasons: [RejectionReason], comment: String, effectiveAt: Date) {
        let closesAt = calendar.end(ofCalendarDays: policy.disputeWindowCalendarDays, after: effectiveAt)
        let window = DisputeWindow(opensAt: effectiveAt, closesAt: closesAt, remindAt: reminder(before: closesAt, openedAt: effectiveAt))
        claim.rejection = Rejection(rejectedAt: effectiveAt, rejectedBy: actor, reasons: reasons, comment: comment, disputeWindow: window)
        claim.partnerAction = nil
        move(to: .rejected, reasons: reasons.map(\.messageKey), comment: comment)
        emailPartner(.rejection, [
            "reasons": reasons.map(\.messageKey).joined(separator: ","),
            "comment": comment,
            "disputable": "true",
            "dispute_window_closes_at": closesAt.messageArgument,
        ])
    }

    /// When to remind the partner before `deadline`; nil when reminders are off or the
    /// reminder would come no later than the window opened.
    func reminder(before deadline: Date, openedAt: Date) -> Date? {
        guard let at = calendar.start(ofBusinessDay: policy.reminderLeadBusinessDays, before: deadline), at > openedAt else { return nil }
        return at
    }

    mutating func requestPartnerAction(reasons: [PartnerActionReason], comment: String, productsToRemove: [Product]) throws(ClaimError) {
        let reviewer = try reviewerID(for: .requestPartnerAction)
        guard !reasons.isEmpty else { throw .reasonRequired }
        let comment = try ClaimChange.required(comment, or: .commentRequired)
        let toRemove = unique(productsToRemove).sorted()
        let notClaimed = toRemove.filter { !claim.details.products.contains($0) }
        guard notClaimed.isEmpty else { throw .productsToRemoveNotClaimed(notClaimed) }
        // Removing every product leaves nothing to approve; that is a rejection.
        guard toRemove.count < claim.details.products.count else { throw .cannotRemoveEveryProduct }

        let respondBy = calendar.end(ofBusinessDays: policy.partnerResponseBusinessDays, after: now)
        claim.partnerAction = PartnerActionRequest(
            requestedAt: now, requestedBy: reviewer, reasons: unique(reasons), comment: comment,
            productsToRemove: toRemove, respondBy: respondBy, remindAt: reminder(before: respondBy, openedAt: now)
        )
        claim.review.decisionClock = claim.review.decisionClock?.pausing(at: now, calendar: calendar)
        move(to: .partnerActionRequired, reasons: reasons.map(\.messageKey), comment: comment)
        addComment(comment)
        emailPartner(.partnerActionRequired, [
            "reasons": reasons.map(\.messageKey).joined(separator: ","),
            "comment": comment,
            "products_to_remove": toRemove.map(\.messageKey).joined(separator: ","),
            "respond_by": respondBy.messageArgument,
        ])
    }

    mutating func resubmit(comment: String, claimsOnSameTenant others: [Claim]) throws(ClaimError) {
        let comment = try ClaimChange.optional(comment)
        if let request = claim.partnerAction {
            let stillClaimed = request.productsToRemove.filter(claim.details.products.contains)
            guard stillClaimed.isEmpty else { throw .productsStillClaimed(stillClaimed) }
        }
        let missing = claim.details.missingForSubmission
        guard missing.isEmpty else { throw .incomplete(missing) }
        guard !claim.evidence.isEmpty else { throw .missingProofOfExecution(claim: claim.id) }
        try ClaimChange.refuseDuplicate(of: claim, among: others)

        if case .paused(let since, _, _)? = claim.review.decisionClock {
            claim.review.pausedTime += now.timeIntervalSince(since)
        }
        claim.review.decisionClock = claim.review.decisionClock?.resuming(at: now, calendar: calendar)
        claim.partnerAction = nil
        move(to: .inReview, comment: comment)
        if !comment.isEmpty { addComment(comment) }
    }
}

/// Keeps the first occurrence of each value, in order.
func unique<Value: Hashable>(_ values: [Value]) -> [Value] {
    var seen = Set<Value>()
    return values.filter { seen.insert($0).inserted }
}
