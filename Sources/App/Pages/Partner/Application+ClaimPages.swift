import Claims
import Foundation
import HTTP
import Templating

extension Application {
    /// What every page about one claim shows at its top.
    func claimSummary(_ claim: Claim, presenter: ClaimPresenter) -> TemplateValue {
        [
            "id": .string(claim.id.rawValue),
            "name": .string(claim.details.name),
            "href": .string(Route.claim(claim.id, .show).path),
            "historyHref": .string(Route.claim(claim.id, .history).path),
            "state": presenter.state(claim),
            "deadline": presenter.deadline(claim),
            "version": .int(claim.version),
        ]
    }

    struct ClaimPageInput {
        var status = 200
        var uploadError: String?
        var commentText = ""
        var commentError: String?
        var alert: String?
    }

    func showClaim(_ claim: Claim, input: ClaimPageInput = ClaimPageInput(), context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let presenter = try presenter(context, for: claim)
        let now = clock.now()
        var values: [String: TemplateValue] = [
            "claim": claimSummary(claim, presenter: presenter),
            "fields": presenter.fields(claim),
            "documents": presenter.documents(claim),
            "comments": presenter.comments(claim),
            "actions": partnerActions(claim, at: now, localizer: l),
            "canUpload": .bool(ActionKind.addProofOfExecution.allowedStates(for: .partner).contains(claim.state)),
            "uploadAction": .string(Route.claim(claim.id, .documents).path),
            "canComment": .bool(ActionKind.addComment.allowedStates(for: .partner).contains(claim.state)),
            "commentAction": .string(Route.claim(claim.id, .comments).path),
            "commentText": .string(input.commentText),
            "maxUpload": .string(ClaimPresenter.byteCount(configuration.uploadLimits.maxFileBytes)),
        ]
        values["uploadError"] = TemplateValue(input.uploadError)
        values["commentError"] = TemplateValue(input.commentError)
        values["alert"] = TemplateValue(input.alert)
        if let done = context.request.queryItem("done").flatMap(ClaimNotice.init(rawValue:)), input.status == 200 {
            values["notice"] = .string(l(done.messageKey))
        }
        values["situation"] = situation(claim, presenter: presenter, at: now)
        return try pages.render("claims/show", title: claim.details.name, values, status: input.status, context: context)
    }

    /// The buttons the partner has on this claim now, most likely next step first.
    func partnerActions(_ claim: Claim, at now: Date, localizer l: Localizer) -> TemplateValue {
        func allowed(_ kind: ActionKind) -> Bool { kind.allowedStates(for: .partner).contains(claim.state) }
        var actions: [TemplateValue] = []
        func add(_ key: String, _ href: String, _ tone: String) {
            actions.append(["label": .string(l(key)), "href": .string(href), "tone": .string(tone)])
        }
        if allowed(.submit) { add("partner.action.submit", Route.claim(claim.id, .submit).path, "primary") }
        if allowed(.resubmit) { add("partner.action.respond", Route.claim(claim.id, .respond).path, "primary") }
        if claim.isDisputable(at: now) { add("partner.action.dispute", Route.claim(claim.id, .dispute).path, "primary") }
        if allowed(.edit) { add("partner.action.edit", Route.claim(claim.id, .edit).path, "") }
        if allowed(.requestRejection) { add("partner.action.withdraw", Route.claim(claim.id, .withdraw).path, "danger") }
        if allowed(.disassociate) { add("partner.action.disassociate", Route.claim(claim.id, .disassociate).path, "danger") }
        if claim.state == .rejectedFinal || (claim.state == .rejected && !claim.isDisputable(at: now)) {
            add("partner.action.copy", Route.newClaim.path + "?from=" + FormURLEncoded.encodeComponent(claim.id.rawValue), "primary")
        }
        add("partner.action.history", Route.claim(claim.id, .history).path, "")
        return .list(actions)
    }

    /// What the reviewer asked for, why the claim was rejected, or where its approval stands.
    func situation(_ claim: Claim, presenter: ClaimPresenter, at now: Date) -> TemplateValue {
        let l = presenter.localizer
        var values: [String: TemplateValue] = [:]
        if claim.state == .partnerActionRequired, let request = claim.partnerAction {
            values["partnerAction"] = [
                "reasons": .list(request.reasons.map { .string(l($0.messageKey)) }),
                "comment": .string(request.comment),
                "productsToRemove": .list(request.productsToRemove.map { .string(l($0.messageKey)) }),
                "respondBy": .string(dates.lastDay(endingAt: request.respondBy)),
                "reviewer": .string(presenter.userNames[request.requestedBy.rawValue] ?? l("actor.reviewer")),
            ]
        }
        if [.rejected, .rejectedFinal, .disputed].contains(claim.state), let rejection = claim.rejection {
            var rejected: [String: TemplateValue] = [
                "reasons": .list(rejection.reasons.map { .string(l($0.messageKey)) }),
                "comment": .string(rejection.comment),
                "at": .string(dates.dateTime(rejection.rejectedAt)),
                "by": .string(presenter.actorName(rejection.rejectedBy)),
            ]
            if claim.isDisputable(at: now), let window = rejection.disputeWindow {
                rejected["disputeUntil"] = .string(dates.lastDay(endingAt: window.closesAt))
            }
            values["rejection"] = .object(rejected)
        }
        if claim.state == .approved, let approval = claim.approval {
            values["approval"] = approval.sentForIncentiveEvaluationAt.map {
                ["sentAt": .string(dates.day($0))]
            } ?? ["consentEnds": .string(dates.lastDay(endingAt: approval.consentWindow.closesAt))]
        }
        if let dispute = claim.dispute {
            values["dispute"] = [
                "at": .string(dates.dateTime(dispute.disputedAt)),
                "justification": .string(dispute.justification),
                "decision": dispute.decision.map { .string(l($0.messageKey)) } ?? .null,
            ]
        }
        return values.isEmpty ? .null : .object(values)
    }

    func claimHistory(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let entries = try claims.history(of: claim.id)
        let presenter = try presenter(context, for: claim, history: entries)
        return try pages.render("claims/history", title: l("partner.history.title", ["claim": claim.details.name]), [
            "claim": claimSummary(claim, presenter: presenter),
            "history": presenter.history(entries),
        ], context: context)
    }

    func addComment(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let text = context.form?.field("text") ?? ""
        do {
            // A comment only adds to the thread, so it goes in whatever changed since the page was read.
            try perform([.addComment(text)], on: claim.id, version: nil, actor: actor)
            return .redirect(to: Route.claim(claim.id, .show).path + "?done=commented#comments")
        } catch let error as ClaimError {
            let current = try claims.claim(claim.id) ?? claim
            return try showClaim(current, input: ClaimPageInput(
                status: error.httpStatus, commentText: text,
                commentError: context.localizer.message(error, dates: dates)), context: context)
        }
    }
}
