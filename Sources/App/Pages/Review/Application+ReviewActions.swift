import Claims
import HTTP
import Storage
import Templating

extension Application {
    /// `POST /review/<id>/<step>`. A decision's first POST is checked against the domain without
    /// saving and answered with a confirmation page; the confirmed POST saves it, but only if the
    /// claim is still the version the reviewer looked at.
    func reviewAction(context: RequestContext, reviewer: UserAccount, id: ClaimID, step: ReviewStep) throws -> HTTPResponse {
        guard let claim = try claims.claim(id) else { return errorPage(status: 404, context: context) }
        let l = context.localizer
        let input = ReviewInput(fields: try context.request.formFields(), step: step)
        let actor = Self.actor(for: reviewer)
        let me = UserID(String(reviewer.id))
        func refuse(_ message: String, status: Int, claim: Claim = claim) throws -> HTTPResponse {
            try reviewPage(claim, context: context, reviewer: reviewer, input: input, error: message, status: status)
        }
        guard let action = input.action(for: step, reviewer: me) else {
            return try refuse(l("review.error.decision_required"), status: 422)
        }
        // Comments never clash with a decision; everything else must be made on what the reviewer saw.
        let expectedVersion = step == .comment ? nil : input.version
        if step != .comment, expectedVersion == nil {
            return try refuse(l("review.error.version_missing"), status: 422)
        }
        if let expectedVersion, expectedVersion != claim.version {
            return try refuse(changedMessage(claim, context: context), status: 409)
        }
        if step.needsConfirmation, !input.confirmed {
            let others = try claims.claimsOnSameTenant(as: claim)
            do {
                _ = try claim.applying(action, by: actor, at: clock.now(), rules: rules, claimsOnSameTenant: others)
            } catch {
                return try refuse(l.message(error, dates: dates), status: error.httpStatus)
            }
            return try confirmation(claim, step: step, input: input, context: context)
        }
        do {
            try updateClaim(id, expectedVersion: expectedVersion) { current, others in
                try current.applying(action, by: actor, at: clock.now(), rules: rules, claimsOnSameTenant: others)
            }
        } catch ClaimStoreError.changedSinceRead {
            let fresh = try claims.claim(id) ?? claim
            return try refuse(changedMessage(fresh, context: context), status: 409, claim: fresh)
        } catch ClaimStoreError.notFound {
            return errorPage(status: 404, context: context)
        } catch let error as ClaimError {
            return try refuse(l.message(error, dates: dates), status: error.httpStatus)
        }
        return .redirect(to: Route.reviewClaim(id).path + "?done=" + step.rawValue + (step == .comment ? "#comments" : ""))
    }


    private func changedMessage(_ claim: Claim, context: RequestContext) throws -> String {
        let l = context.localizer
        let assignee = try claim.review.assignedReviewer.flatMap { Int64($0.rawValue) }.flatMap { try accounts.user(id: $0) }
        return l(assignee == nil ? "review.error.changed" : "review.error.changed_assigned", [
            "claim": claim.id.rawValue, "state": l(claim.statusMessageKey), "reviewer": assignee?.name ?? "",
        ])
    }

    /// Restates what the step will do, with everything the reviewer entered, before it is done.
    private func confirmation(_ claim: Claim, step: ReviewStep, input: ReviewInput, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let key = step == .decideDispute ? "decide_dispute.\(input.disputeDecision?.rawValue ?? "")" : step.rawValue
        let assignee = try claim.review.assignedReviewer.flatMap { Int64($0.rawValue) }.flatMap { try accounts.user(id: $0) }
        let arguments = ["claim": claim.id.rawValue, "customer": claim.details.customer.name,
                         "organization": try organizationName(claim.organization) ?? claim.organization.rawValue, "reviewer": assignee?.name ?? ""]
        let reasonKeys = switch step {
        case .reject: input.rejectionReasons.map(\.messageKey)
        case .requestAction: input.partnerActionReasons.map(\.messageKey)
        default: [String]()
        }
        var back = input.hiddenFields.filter { $0.0 != "version" }
        back.append(("step", step.rawValue))
        let values: [String: TemplateValue] = [
            "heading": .string(l("review.confirm.\(key).heading", arguments)),
            "consequence": .string(l("review.confirm.\(key).consequence", arguments)),
            "button": .string(l("review.confirm.\(key).button")),
            "danger": .bool(step == .reject || input.disputeDecision == .uphold),
            "action": .string(Route.reviewAction(claim.id, step).path),
            "back": .string(Route.reviewClaim(claim.id).path + "?" + FormURLEncoded.encode(back) + "#decide"),
            "hidden": .list(input.hiddenFields.map { ["name": .string($0.0), "value": .string($0.1)] }),
            "reasons": .list(reasonKeys.map { .string(l($0)) }),
            "productsToRemove": step == .requestAction && !input.productsToRemove.isEmpty
                ? .string(input.productsToRemove.map { l($0.messageKey) }.joined(separator: ", ")) : .null,
            "comment": .string(input.comment),
        ]
        return try pages.render("review/confirm", title: l("review.confirm.title", arguments), values, context: context)
    }
}
