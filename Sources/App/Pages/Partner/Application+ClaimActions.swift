import Claims
import Foundation
import HTTP
import Templating

extension Application {
    /// What a person typed into an action's form, kept when the action is refused.
    struct ActionInput {
        var text = ""
        var removals: Set<String>?
        var fieldError: String?
        var uploadError: String?
        var alert: String?
        var status = 200
    }

    private func action(for page: ClaimPage, text: String) -> ClaimAction? {
        switch page {
        case .submit: .submit
        case .withdraw: .requestRejection(reason: text)
        case .disassociate: .disassociate(reason: text)
        default: nil
        }
    }

    private func actionKind(for page: ClaimPage) -> ActionKind? {
        switch page {
        case .submit: .submit
        case .withdraw: .requestRejection
        case .disassociate: .disassociate
        case .respond: .resubmit
        case .dispute: .dispute
        default: nil
        }
    }

    private func notice(for page: ClaimPage) -> ClaimNotice {
        switch page {
        case .submit: .submitted
        case .withdraw: .withdrawn
        case .disassociate: .disassociated
        case .respond: .responded
        default: .disputed
        }
    }

    /// The message when the claim's state no longer allows the page's action (e.g. it moved on).
    private func stateProblem(_ page: ClaimPage, claim: Claim, localizer l: Localizer) -> String? {
        guard let kind = actionKind(for: page), !kind.allowedStates(for: .partner).contains(claim.state) else { return nil }
        return l.message(ClaimError.wrongState(action: kind, state: claim.state, claim: claim.id), dates: dates)
    }

    func confirmationPage(_ page: ClaimPage, claim: Claim, input: ActionInput = ActionInput(),
                          context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        var input = input
        if input.alert == nil, let problem = stateProblem(page, claim: claim, localizer: l) {
            input.alert = problem
            input.status = 409
        }
        var values: [String: TemplateValue] = [
            "claim": claimSummary(claim, presenter: presenter(context)),
            "heading": .string(l("partner.confirm.\(page.rawValue).title")),
            "body": .string(l("partner.confirm.\(page.rawValue).body")),
            "button": .string(l("partner.confirm.\(page.rawValue).button")),
            "danger": .bool(page != .submit),
            "needsReason": .bool(page != .submit),
            "formAction": .string(Route.claim(claim.id, page).path),
            "version": .int(claim.version),
            "text": .string(input.text),
        ]
        values["fieldError"] = TemplateValue(input.fieldError)
        values["alert"] = TemplateValue(input.alert)
        var blocked = input.status == 409 && input.alert != nil && stateProblem(page, claim: claim, localizer: l) != nil
        if page == .submit, claim.state == .draft {
            // Say what is missing before the partner tries, rather than after.
            var missing = claim.details.missingForSubmission.issues.keys.sorted().map { TemplateValue.string(l($0.messageKey)) }
            if claim.evidence.isEmpty { missing.append(.string(l("partner.confirm.submit.missing_poe"))) }
            if !missing.isEmpty {
                values["missing"] = .list(missing)
                values["editHref"] = .string(Route.claim(claim.id, .edit).path)
                blocked = true
            }
        }
        values["blocked"] = .bool(blocked)
        return try pages.render("claims/confirm", title: l("partner.confirm.\(page.rawValue).title"), values,
                                status: input.status, context: context)
    }

    func confirmAction(_ page: ClaimPage, claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let text = context.form?.field("reason") ?? ""
        guard let action = action(for: page, text: text) else { return errorPage(status: 404, context: context) }
        do {
            try perform([action], on: claim.id, version: submittedVersion(context), actor: actor)
            return .redirect(to: Route.claim(claim.id, .show).path + "?done=\(notice(for: page).rawValue)")
        } catch let error as ClaimStoreError {
            guard case .changedSinceRead = error, let current = try claims.claim(claim.id) else { throw error }
            return try confirmationPage(page, claim: current, input: ActionInput(text: text, alert: l.message(error, dates: dates),
                                                                                 status: 409), context: context)
        } catch let error as ClaimError {
            var input = ActionInput(text: text, status: error.httpStatus)
            if error == .reasonRequired || error.code == .commentTooLong {
                input.fieldError = l.message(error, dates: dates)
            } else {
                input.alert = l.message(error, dates: dates)
            }
            return try confirmationPage(page, claim: claim, input: input, context: context)
        }
    }

    // MARK: responding to a request for partner action

    func respondPage(_ claim: Claim, input: ActionInput = ActionInput(), context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        var input = input
        if input.alert == nil, let problem = stateProblem(.respond, claim: claim, localizer: l) {
            input.alert = problem
            input.status = 409
        }
        let presenter = try presenter(context, for: claim)
        let asked = claim.partnerAction?.productsToRemove ?? []
        let removals = input.removals ?? Set(asked.map(\.rawValue))
        var values: [String: TemplateValue] = [
            "claim": claimSummary(claim, presenter: presenter),
            "situation": situation(claim, presenter: presenter, at: clock.now()),
            "removable": .list(asked.filter { claim.details.products.contains($0) }.map { product in
                ["value": .string(product.rawValue), "label": .string(l(product.messageKey)),
                 "checked": .bool(removals.contains(product.rawValue))]
            }),
            "open": .bool(claim.state == .partnerActionRequired),
            "formAction": .string(Route.claim(claim.id, .respond).path),
            "version": .int(claim.version),
            "text": .string(input.text),
            "maxUpload": .string(ClaimPresenter.byteCount(configuration.uploadLimits.maxFileBytes)),
        ]
        values["fieldError"] = TemplateValue(input.fieldError)
        values["uploadError"] = TemplateValue(input.uploadError)
        values["alert"] = TemplateValue(input.alert)
        return try pages.render("claims/respond", title: l("partner.respond.title"), values, status: input.status, context: context)
    }

    func respond(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let text = context.form?.field("comment") ?? ""
        let removals = Set(context.form?.values("remove") ?? [])
        var input = ActionInput(text: text, removals: removals)
        let uploads: [AcceptedUpload]
        switch try acceptUploads(in: context) {
        case .success(let accepted): uploads = accepted
        case .failure(let problem):
            input.uploadError = uploadProblemText(problem, l)
            input.status = problem.status
            // An unreadable body carried no choices to keep.
            if context.formError != nil { input.removals = nil }
            return try respondPage(claim, input: input, context: context)
        }
        var actions: [ClaimAction] = []
        let removed = claim.details.products.filter { removals.contains($0.rawValue) }
        if !removed.isEmpty {
            var form = ClaimForm(claim.details)
            form.products.removeAll { product in removed.contains { $0.rawValue == product } }
            actions.append(.edit(form))
        }
        actions += uploads.map { .addProofOfExecution($0.upload) }
        actions.append(.resubmit(comment: text))
        do {
            try perform(actions, on: claim.id, version: submittedVersion(context), actor: actor) {
                try store(uploads, form: context.form)
            }
            return .redirect(to: Route.claim(claim.id, .show).path + "?done=responded")
        } catch let error as ClaimStoreError {
            guard case .changedSinceRead = error, let current = try claims.claim(claim.id) else { throw error }
            input.alert = l.message(error, dates: dates)
            input.status = 409
            return try respondPage(current, input: input, context: context)
        } catch let error as ClaimError {
            input.status = error.httpStatus
            if let fields = error.fieldErrors {
                input.alert = fields.issues.keys.sorted().map { field in
                    "\(l(field.messageKey)): \(ClaimFormView(form: ClaimForm(), editable: [], locations: [], localizer: l, dates: dates).message(fields.issues[field]!))"
                }.joined(separator: " ")
            } else if error.code == .commentTooLong {
                input.fieldError = l.message(error, dates: dates)
            } else {
                input.alert = l.message(error, dates: dates)
            }
            return try respondPage(claim, input: input, context: context)
        }
    }

    // MARK: disputing a rejection

    func disputePage(_ claim: Claim, input: ActionInput = ActionInput(), context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let now = clock.now()
        let presenter = try presenter(context, for: claim)
        var values: [String: TemplateValue] = [
            "claim": claimSummary(claim, presenter: presenter),
            "situation": situation(claim, presenter: presenter, at: now),
            "open": .bool(claim.isDisputable(at: now)),
            "formAction": .string(Route.claim(claim.id, .dispute).path),
            "copyHref": .string(Route.newClaim.path + "?from=" + FormURLEncoded.encodeComponent(claim.id.rawValue)),
            "version": .int(claim.version),
            "text": .string(input.text),
            "maxUpload": .string(ClaimPresenter.byteCount(configuration.uploadLimits.maxFileBytes)),
        ]
        if !claim.isDisputable(at: now) {
            values["closedReason"] = .string(l(disputeClosedKey(claim, at: now)))
        }
        values["fieldError"] = TemplateValue(input.fieldError)
        values["uploadError"] = TemplateValue(input.uploadError)
        values["alert"] = TemplateValue(input.alert)
        let status = input.status == 200 && !claim.isDisputable(at: now) ? 409 : input.status
        return try pages.render("claims/dispute", title: l("partner.dispute.title"), values,
                                status: context.request.method == "GET" ? 200 : status, context: context)
    }

    private func disputeClosedKey(_ claim: Claim, at now: Date) -> String {
        if claim.hasBeenDisputed { return "partner.dispute.closed.already" }
        guard claim.state == .rejected || claim.state == .rejectedFinal, let rejection = claim.rejection else {
            return "partner.dispute.closed.not_rejected"
        }
        if !rejection.reasons.allSatisfy(\.isDisputable) { return "partner.dispute.closed.not_disputable" }
        return "partner.dispute.closed.window"
    }

    func dispute(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let text = context.form?.field("justification") ?? ""
        var input = ActionInput(text: text)
        let uploads: [AcceptedUpload]
        switch try acceptUploads(in: context) {
        case .success(let accepted): uploads = accepted
        case .failure(let problem):
            input.uploadError = uploadProblemText(problem, l)
            input.status = problem.status
            return try disputePage(claim, input: input, context: context)
        }
        do {
            try perform([.dispute(justification: text, evidence: uploads.map(\.upload))], on: claim.id,
                        version: submittedVersion(context), actor: actor) {
                try store(uploads, form: context.form)
            }
            return .redirect(to: Route.claim(claim.id, .show).path + "?done=disputed")
        } catch let error as ClaimStoreError {
            guard case .changedSinceRead = error, let current = try claims.claim(claim.id) else { throw error }
            input.alert = l.message(error, dates: dates)
            input.status = 409
            return try disputePage(current, input: input, context: context)
        } catch let error as ClaimError {
            input.status = error.httpStatus
            if error == .disputeNeedsJustificationOrEvidence || error.code == .commentTooLong {
                input.fieldError = l.message(error, dates: dates)
            } else {
                input.alert = l.message(error, dates: dates)
            }
            return try disputePage(claim, input: input, context: context)
        }
    }
}
