import Claims
import HTTP
import Storage
import Templating

extension Application {
    /// `GET /review/<id>`: everything about a claim a reviewer decides on. The query may carry the
    /// PoE checklist (`checklist=1&shows=…`) and input sent back from a confirmation page.
    func reviewClaim(context: RequestContext, reviewer: UserAccount, id: ClaimID) throws -> HTTPResponse {
        guard let claim = try claims.claim(id) else { return errorPage(status: 404, context: context) }
        let request = context.request
        var input = ReviewInput(fields: request.queryItems, step: request.queryItem("step").flatMap(ReviewStep.init(rawValue:)))
        input.version = nil
        var notice: String?
        if let done = request.queryItem("done").flatMap(ReviewStep.init(rawValue:)) {
            notice = context.localizer("review.done.\(done.rawValue)")
        }
        return try reviewPage(claim, context: context, reviewer: reviewer, input: input,
                              checklist: ReviewChecklist(query: request.queryItems), notice: notice)
    }

    /// The review page for `claim`, with `input` kept in its forms and, when something was refused,
    /// `error` at the top and the matching status.
    func reviewPage(_ claim: Claim, context: RequestContext, reviewer: UserAccount, input: ReviewInput = ReviewInput(),
                    checklist: ReviewChecklist = ReviewChecklist(), notice: String? = nil, error: String? = nil,
                    status: Int = 200) throws -> HTTPResponse {
        let l = context.localizer
        let me = UserID(String(reviewer.id))
        let others = try claims.claimsOnSameTenant(as: claim)
        let history = try claims.history(of: claim.id)
        let presenter = try presenter(context, for: claim, history: history)
        let conflicts = claim.conflicts(among: others)
        let assignee = claim.review.assignedReviewer
        let assignedToMe = assignee == me
        let decidable = claim.state == .inReview && assignedToMe
        let version = String(claim.version)
        let formShown = switch input.step {
        case .approve?, .reject?, .requestAction?: decidable
        case .decideDispute?: claim.state == .disputed
        case .comment?: true
        case .start?, .reassign?, nil: false
        }
        let organization = try organizationName(claim.organization) ?? claim.organization.rawValue

        // Reasons: what the reviewer picked before (kept on a refusal), else what the checklist suggests.
        let suggested = PoEChecklistItem.suggestedReasons(failing: checklist.failed)
        let pickedActions = input.partnerActionReasons.isEmpty ? suggested.partnerAction : input.partnerActionReasons
        let pickedRejections = input.rejectionReasons.isEmpty ? suggested.rejection : input.rejectionReasons
        func comment(for step: ReviewStep) -> String { input.step == step ? input.comment : "" }

        var values: [String: TemplateValue] = [
            "id": .string(claim.id.rawValue),
            "name": .string(claim.details.name),
            "version": .string(version),
            "organization": .string(organization),
            "state": presenter.state(claim),
            "deadline": presenter.deadline(claim),
            "fields": presenter.fields(claim),
            "documents": documents(of: claim, presenter: presenter),
            "comments": presenter.comments(claim),
            "history": presenter.history(history),
            "assignee": assignee.map { .string(presenter.userNames[$0.rawValue] ?? $0.rawValue) } ?? .null,
            "assignedToMe": .bool(assignedToMe),
            "notice": notice.map(TemplateValue.string) ?? .null,
            "error": error.map(TemplateValue.string) ?? .null,
            // A refused decision whose form is no longer offered (the claim moved on) still shows what was typed.
            "keptComment": error != nil && !input.comment.isEmpty && !formShown ? .string(input.comment) : .null,
            "canStart": .bool(claim.state == .submitted),
            "canTakeOver": .bool(!assignedToMe && ActionKind.reassign.allowedStates(for: .reviewer).contains(claim.state)),
            "canDecide": .bool(decidable),
            "waitsForOtherReviewer": .bool(claim.state == .inReview && !assignedToMe),
            "isDisputed": .bool(claim.state == .disputed),
            "checklistApplies": .bool(decidable),
            "checklist": checklist.value(localizer: l),
            "checklistSubmitted": .bool(checklist.submitted),
            "rejectionReasons": .list(RejectionReason.allCases.filter(\.isReviewerChoice).map { reason in
                ["value": .string(reason.rawValue), "label": .string(l(reason.messageKey)), "checked": .bool(pickedRejections.contains(reason))]
            }),
            "partnerActionReasons": .list(PartnerActionReason.allCases.map { reason in
                ["value": .string(reason.rawValue), "label": .string(l(reason.messageKey)), "checked": .bool(pickedActions.contains(reason))]
            }),
            "removableProducts": .list(claim.details.products.map { product in
                ["value": .string(product.rawValue), "label": .string(l(product.messageKey)),
                 "checked": .bool(input.productsToRemove.contains(product))]
            }),
            "disputeDecisions": .list(DisputeDecision.allCases.map { decision in
                ["value": .string(decision.rawValue), "label": .string(l(decision.messageKey)),
                 "checked": .bool(input.disputeDecision == decision)]
            }),
            "commentFor": [
                "approve": .string(comment(for: .approve)), "reject": .string(comment(for: .reject)),
                "requestAction": .string(comment(for: .requestAction)), "decideDispute": .string(comment(for: .decideDispute)),
                "comment": .string(comment(for: .comment)),
            ],
            "competing": .list(try conflicts.compactMap { conflict in
                guard let other = others.first(where: { $0.id == conflict.other }) else { return nil }
                return try competingClaim(other, shared: conflict.products, presenter: presenter)
            }),
            "hasConflicts": .bool(!conflicts.isEmpty),
            "conflictIDs": .string(conflicts.map(\.other.rawValue).joined(separator: ", ")),
            "partnerAction": partnerActionValue(claim, presenter: presenter),
            "rejection": rejectionValue(claim, localizer: l),
            "dispute": disputeValue(claim),
            "actions": [
                "start": .string(Route.reviewAction(claim.id, .start).path),
                "reassign": .string(Route.reviewAction(claim.id, .reassign).path),
                "approve": .string(Route.reviewAction(claim.id, .approve).path),
                "reject": .string(Route.reviewAction(claim.id, .reject).path),
                "requestAction": .string(Route.reviewAction(claim.id, .requestAction).path),
                "decideDispute": .string(Route.reviewAction(claim.id, .decideDispute).path),
                "comment": .string(Route.reviewAction(claim.id, .comment).path),
                "checklist": .string(Route.reviewClaim(claim.id).path + "#decide"),
                "page": .string(Route.reviewClaim(claim.id).path),
            ],
        ]
        values["summary"] = .string(l("review.claim.summary", ["organization": organization, "customer": claim.details.customer.name]))
        return try pages.render("review/claim", title: l("review.claim.title", ["claim": claim.id.rawValue]), values,
                                status: status, context: context)
    }

    private func documents(of claim: Claim, presenter: ClaimPresenter) -> TemplateValue {
        // The partner side serves the files; reviewers may download them there too.
        guard case .list(let items) = presenter.documents(claim) else { return .list([]) }
        return .list(zip(items, claim.evidence.reversed()).map { item, document in
            guard case .object(var values) = item else { return item }
            let href = "/claims/" + FormURLEncoded.encodeComponent(claim.id.rawValue) + "/documents/"
                + FormURLEncoded.encodeComponent(document.id.rawValue)
            values["href"] = .string(href)
            if DocumentPreview.isPreviewable(contentType: document.contentType) {
                values["previewHref"] = .string(href + "?inline=1")
            }
            return .object(values)
        })
    }

    /// Another organization's claim on the same workload, as the side-by-side comparison shows it.
    private func competingClaim(_ other: Claim, shared: [Product], presenter: ClaimPresenter) throws -> TemplateValue {
        let l = presenter.localizer
        return [
            "id": .string(other.id.rawValue),
            "href": .string(Route.reviewClaim(other.id).path),
            "name": .string(other.details.name),
            "organization": .string(try organizationName(other.organization) ?? other.organization.rawValue),
            "state": presenter.state(other),
            "shared": .string(shared.map { l($0.messageKey) }.joined(separator: ", ")),
            "products": .string(other.details.products.map { l($0.messageKey) }.joined(separator: ", ")),
            "activity": .string(other.details.activity.map { l($0.messageKey) } ?? ""),
            "subscription": .string(other.details.subscriptionID?.rawValue ?? ""),
            "submitted": .string(other.review.submittedAt.map(presenter.dates.dateTime) ?? ""),
            "poeDates": .string(other.evidence.map { presenter.dates.day($0.uploadedAt) }.joined(separator: ", ")),
        ]
    }

    private func partnerActionValue(_ claim: Claim, presenter: ClaimPresenter) -> TemplateValue {
        guard claim.state == .partnerActionRequired, let request = claim.partnerAction else { return .null }
        let l = presenter.localizer
        return [
            "reasons": .string(request.reasons.map { l($0.messageKey) }.joined(separator: ", ")),
            "productsToRemove": .string(request.productsToRemove.map { l($0.messageKey) }.joined(separator: ", ")),
            "comment": .string(request.comment),
            "respondBy": .string(presenter.dates.dateTime(request.respondBy)),
            "pausedTime": .string(claim.pausedDecisionTime.map { l("review.claim.paused_days", ["count": String(Int(($0 / 86_400).rounded(.up)))]) } ?? ""),
        ]
    }

    private func rejectionValue(_ claim: Claim, localizer l: Localizer) -> TemplateValue {
        guard [.rejected, .disputed, .rejectedFinal].contains(claim.state), let rejection = claim.rejection else { return .null }
        return ["reasons": .string(rejection.reasons.map { l($0.messageKey) }.joined(separator: ", ")),
                "comment": .string(rejection.comment)]
    }

    private func disputeValue(_ claim: Claim) -> TemplateValue {
        guard let dispute = claim.dispute else { return .null }
        return ["justification": .string(dispute.justification), "at": .string(dates.dateTime(dispute.disputedAt)),
                "decided": .bool(dispute.decision != nil)]
    }
}
