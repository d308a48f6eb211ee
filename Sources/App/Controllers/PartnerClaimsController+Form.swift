import Claims
import Foundation
import HTTP
import Storage

/// The claim form: a new claim (or one started from an older claim), and editing.
extension PartnerClaimsController {
    // MARK: the claim form

    func newForm(from source: ClaimID?, context: RequestContext) throws -> HTTPResponse {
        var form = ClaimForm()
        // "Start a new claim from this one": the old claim's fields, never its state.
        if let source { form = ClaimForm(try updates.visibleClaim(source, to: try actor(context), comments: false).details) }
        return try formPage(form, claim: nil, context: context)
    }

    func create(context: RequestContext) throws -> HTTPResponse {
        let actor = try actor(context)
        let form = ClaimFormPage.posted(context.form, current: ClaimForm(), editable: Set(ClaimField.allCases))
        return try Refusal.catching(localizer: context.localizer, {
            try checkLocation(form, context: context, complete: false)
            let transition = try updates.createDraft(form, by: actor)
            return .redirect(to: Route.claim(transition.claim.id, notice: .created).href)
        }, refused: { refusal in
            try formPage(form, claim: nil, refusal: refusal, context: context)
        })
    }

    func editForm(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        var refusal: Refusal?
        if case .refused(let error) = claim.availability(of: .edit, for: try actor(context), at: clock.now(), rules: updates.rules) {
            refusal = Refusal(status: .conflict, message: context.localizer.message(error))
        }
        return try formPage(ClaimForm(claim.details), claim: claim, refusal: refusal, context: context)
    }

    func saveEdit(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let actor = try actor(context)
        let form = ClaimFormPage.posted(context.form, current: ClaimForm(claim.details), editable: claim.state.editableFields)
        return try Refusal.catching(localizer: context.localizer, {
            if claim.state.editableFields.contains(.partnerLocationID) {
                try checkLocation(form, context: context, complete: claim.state != .draft)
            }
            try updates.perform([.edit(form)], on: claim.id, version: context.submittedVersion, by: actor)
            return .redirect(to: Route.claim(claim.id, notice: .saved).href)
        }, refused: { refusal in
            // Keep what they typed; the form now carries the current version, so saving again applies it on top.
            let current = try store.claim(claim.id) ?? claim
            let kept = ClaimFormPage.posted(context.form, current: ClaimForm(current.details), editable: current.state.editableFields)
            return try formPage(kept, claim: current, refusal: refusal, context: context)
        })
    }

    func formPage(_ form: ClaimForm, claim: Claim?, refusal: Refusal? = nil,
                          context: RequestContext) throws -> HTTPResponse {
        let organization = try currentOrganization(context)
        let presenter = presenters.presenter(context)
        let page = ClaimFormPage(form: form, claim: claim, locations: organization.locations, presenter: presenter, refusal: refusal)
        return pages.render(page, status: refusal?.status ?? .ok, context: context)
    }

    /// The location must be one of the organization's own (the domain only checks its format);
    /// reported together with the domain's own findings (the directory's too, on a draft), so the
    /// partner sees every problem at once.
    func checkLocation(_ form: ClaimForm, context: RequestContext, complete: Bool) throws {
        let location = form.partnerLocationID.trimmingCharacters(in: .whitespacesAndNewlines)
        let organization = try currentOrganization(context)
        guard !location.isEmpty, !organization.locations.contains(where: { $0.locationID == location }) else { return }
        var issues: [ClaimField: FieldIssue] = [.partnerLocationID: .unknownChoice(location)]
        // Only a draft is checked against the directory (see ClaimChange.edit); `complete` is false just for drafts.
        let directory = complete ? .notLoaded : try updates.directory(for: form)
        if case .failure(let errors) = form.validated(complete: complete, against: directory) {
            issues.merge(errors.issues) { mine, _ in mine }
        }
        throw Refusal(status: .unprocessableContent, message: "", place: .fields(issues))
    }
}
