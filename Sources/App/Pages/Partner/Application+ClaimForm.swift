import Claims
import Foundation
import HTTP
import Storage
import Templating

extension Application {
    struct ClaimFormPage {
        var form: ClaimForm
        var issues: [ClaimField: FieldIssue] = [:]
        var claim: Claim?
        var alert: String?
        var status = 200
    }

    func newClaimForm(actor: Actor, context: RequestContext) throws -> HTTPResponse {
        var form = ClaimForm()
        // "Start a new claim from this one": the old claim's fields, never its state.
        if let from = context.request.queryItem("from") {
            guard let source = try claims.claim(ClaimID(from)), source.isVisible(to: actor) else {
                return errorPage(status: 404, context: context)
            }
            form = ClaimForm(source.details)
        }
        return try renderClaimForm(ClaimFormPage(form: form), context: context)
    }

    func createClaim(actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let organization = try currentOrganization(context)
        let form = ClaimFormView.posted(context.form, current: ClaimForm(), editable: Set(ClaimField.allCases))
        var issues = Self.locationIssues(form, organization: organization)
        if issues.isEmpty {
            do {
                let transition = try claims.create { id in try Claim.draft(id: id, form: form, by: actor, at: clock.now()) }
                return .redirect(to: Route.claim(transition.claim.id, .show).path + "?done=created")
            } catch let error as ClaimError {
                guard let fields = error.fieldErrors else {
                    return try renderClaimForm(ClaimFormPage(form: form, alert: context.localizer.message(error, dates: dates),
                                                             status: error.httpStatus), context: context)
                }
                issues = fields.issues
            }
        } else if case .failure(let errors) = form.validated(complete: false) {
            issues.merge(errors.issues) { mine, _ in mine }
        }
        return try renderClaimForm(ClaimFormPage(form: form, issues: issues, status: 422), context: context)
    }

    func editForm(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        var page = ClaimFormPage(form: ClaimForm(claim.details), claim: claim)
        if claim.state.editableFields.isEmpty {
            page.alert = context.localizer.message(ClaimError.wrongState(action: .edit, state: claim.state, claim: claim.id), dates: dates)
            page.status = 409
        }
        return try renderClaimForm(page, context: context)
    }

    func saveEdit(_ claim: Claim, actor: Actor, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let editable = claim.state.editableFields
        let form = ClaimFormView.posted(context.form, current: ClaimForm(claim.details), editable: editable)
        var issues: [ClaimField: FieldIssue] = [:]
        if editable.contains(.partnerLocationID) {
            issues = Self.locationIssues(form, organization: try currentOrganization(context))
        }
        if issues.isEmpty {
            do {
                try perform([.edit(form)], on: claim.id, version: submittedVersion(context), actor: actor)
                return .redirect(to: Route.claim(claim.id, .show).path + "?done=saved")
            } catch let error as ClaimStoreError {
                guard case .changedSinceRead = error, let current = try claims.claim(claim.id) else { throw error }
                // Keep what they typed; the form now carries the current version, so saving again applies it on top.
                let kept = ClaimFormView.posted(context.form, current: ClaimForm(current.details), editable: current.state.editableFields)
                return try renderClaimForm(ClaimFormPage(form: kept, claim: current, alert: l.message(error, dates: dates),
                                                         status: 409), context: context)
            } catch let error as ClaimError {
                guard let fields = error.fieldErrors else {
                    return try renderClaimForm(ClaimFormPage(form: form, claim: claim, alert: l.message(error, dates: dates),
                                                             status: error.httpStatus), context: context)
                }
                issues = fields.issues
            }
        } else if case .failure(let errors) = form.validated(complete: claim.state != .draft) {
            issues.merge(errors.issues) { mine, _ in mine }
        }
        return try renderClaimForm(ClaimFormPage(form: form, issues: issues, claim: claim, status: 422), context: context)
    }

    private func renderClaimForm(_ page: ClaimFormPage, context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        let organization = try currentOrganization(context)
        let editable = page.claim?.state.editableFields ?? Set(ClaimField.allCases)
        let view = ClaimFormView(form: page.form, issues: page.issues, editable: editable, locations: organization.locations,
                                 localizer: l, dates: dates)
        var values: [String: TemplateValue] = [
            "fieldsets": view.value,
            "errorSummary": view.errorSummary,
            "hasErrors": .bool(view.hasErrors),
            "canSave": .bool(!editable.isEmpty),
            "limited": .bool(editable.count < ClaimField.allCases.count && !editable.isEmpty),
        ]
        values["alert"] = TemplateValue(page.alert)
        let title: String
        if let claim = page.claim {
            title = l("partner.edit.title", ["claim": claim.details.name])
            values["claim"] = claimSummary(claim, presenter: presenter(context))
            values["formAction"] = .string(Route.claim(claim.id, .edit).path)
            values["cancelHref"] = .string(Route.claim(claim.id, .show).path)
            values["version"] = .int(claim.version)
        } else {
            title = l("partner.new.title")
            values["formAction"] = .string(Route.newClaim.path)
            values["cancelHref"] = .string(Route.claims.path)
            values["isNew"] = true
        }
        values["heading"] = .string(title)
        return try pages.render("claims/form", title: title, values, status: page.status, context: context)
    }

    func currentOrganization(_ context: RequestContext) throws -> Organization {
        guard let id = context.user?.organizationID, let organization = try accounts.organization(id: id) else {
            throw PartnerPageError.organizationMissing
        }
        return organization
    }

    /// The location must be one of the organization's own; the domain only checks its format.
    static func locationIssues(_ form: ClaimForm, organization: Organization) -> [ClaimField: FieldIssue] {
        let location = form.partnerLocationID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !location.isEmpty, !organization.locations.contains(where: { $0.locationID == location }) else { return [:] }
        return [.partnerLocationID: .unknownChoice(location)]
    }
}

enum PartnerPageError: Error {
    /// A partner user whose organization row is gone: a broken database, not a user mistake.
    case organizationMissing
}
