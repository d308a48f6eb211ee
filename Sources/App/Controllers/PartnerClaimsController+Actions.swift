import Claims
import Foundation
import HTTP
import Storage

/// Submitting, withdrawing, disassociating, answering a request for action and disputing: each a
/// page that asks first and a POST that does it.
extension PartnerClaimsController {
    // MARK: submit, withdraw, disassociate

    func confirmation(_ page: ClaimPage, claim: Claim, text: String = "", refusal: Refusal? = nil,
                              context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: page.actionKind!, for: try actor(context), at: clock.now(), rules: updates.rules)
        let disagreements = page == .submit ? try updates.directoryDisagreements(of: claim) : FieldErrors([:])
        let model = ClaimConfirmPage(page, claim: claim, availability: availability,
                                     presenter: presenters.presenter(context), text: text, refusal: refusal,
                                     directoryDisagreements: disagreements)
        let status: HTTPStatus = refusal?.status ?? (availability.isAllowed ? .ok : .conflict)
        return pages.render(model, status: status, context: context)
    }

    func confirmed(_ page: ClaimPage, claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("reason")
        let action: ClaimAction = switch page {
        case .withdraw: .requestRejection(reason: text)
        case .disassociate: .disassociate(reason: text)
        default: .submit
        }
        return try Refusal.catching(localizer: context.localizer, {
            try updates.perform([action], on: claim.id, version: context.submittedVersion, by: try actor(context))
            return .redirect(to: Route.claim(claim.id, notice: page.notice).href)
        }, refused: { refusal in
            try confirmation(page, claim: try store.claim(claim.id) ?? claim, text: text, refusal: refusal, context: context)
        })
    }

    // MARK: responding to a request for partner action

    func respondPage(_ claim: Claim, text: String = "", removals: Set<String>? = nil, refusal: Refusal? = nil,
                             context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: .resubmit, for: try actor(context), at: clock.now(), rules: updates.rules)
        let model = RespondPage(claim: claim, availability: availability,
                                presenter: try presenters.presenter(context, for: claim),
                                maxUpload: uploads.maxFileBytes, text: text, removals: removals, refusal: refusal)
        return pages.render(model, status: refusal?.status ?? (availability.isAllowed ? .ok : .conflict), context: context)
    }

    func respond(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("comment")
        let removals = Set(context.form.values("remove"))
        return try Refusal.catching(localizer: context.localizer, {
            let accepted = try uploads.accept(context)
            var actions: [ClaimAction] = []
            let removed = claim.details.products.filter { removals.contains($0.rawValue) }
            if !removed.isEmpty {
                var form = ClaimForm(claim.details)
                form.products.removeAll { product in removed.contains { $0.rawValue == product } }
                actions.append(.edit(form))
            }
            actions += accepted.map { .addProofOfExecution($0.upload) }
            actions.append(.resubmit(comment: text))
            try updates.perform(actions, on: claim.id, version: context.submittedVersion, by: try actor(context)) {
                try uploads.store(accepted, from: context.form)
            }
            return .redirect(to: Route.claim(claim.id, notice: .responded).href)
        }, refused: { refusal in
            var refusal = refusal
            // The form's own fields are the removals: a claim-field problem reads as one alert.
            if case .fields(let issues) = refusal.place {
                let presenter = presenters.presenter(context)
                refusal.message = issues.keys.sorted().map { field in
                    "\(context.localizer(field.messageKey)): \(ClaimFormPage.message(issues[field]!, presenter: presenter))"
                }.joined(separator: " ")
                refusal.place = .alert
            }
            // An unreadable body carried no choices to keep.
            return try respondPage(try store.claim(claim.id) ?? claim, text: text,
                                   removals: context.formError == nil ? removals : nil, refusal: refusal, context: context)
        })
    }

    // MARK: disputing a rejection

    func disputePage(_ claim: Claim, text: String = "", refusal: Refusal? = nil,
                             context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: .dispute, for: try actor(context), at: clock.now(), rules: updates.rules)
        let model = DisputePage(claim: claim, availability: availability,
                                presenter: try presenters.presenter(context, for: claim),
                                maxUpload: uploads.maxFileBytes, text: text, refusal: refusal)
        return pages.render(model, status: refusal?.status ?? .ok, context: context)
    }

    func dispute(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("justification")
        return try Refusal.catching(localizer: context.localizer, {
            let accepted = try uploads.accept(context)
            try updates.perform([.dispute(justification: text, evidence: accepted.map(\.upload))], on: claim.id,
                                version: context.submittedVersion, by: try actor(context)) {
                try uploads.store(accepted, from: context.form)
            }
            return .redirect(to: Route.claim(claim.id, notice: .disputed).href)
        }, refused: { refusal in
            try disputePage(try store.claim(claim.id) ?? claim, text: text, refusal: refusal, context: context)
        })
    }
}
