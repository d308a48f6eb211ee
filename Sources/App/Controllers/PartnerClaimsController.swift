import Claims
import Foundation
import HTTP
import Storage

/// The partner's pages about claims: the dashboard and its export, the claim form, a claim's page,
/// its history, and every action on it. Access to the routes (partner roles) is checked before any
/// of this runs; each claim is then checked to be the user's organization's (404 otherwise).
struct PartnerClaimsController: Sendable {
    let updates: ClaimUpdates
    let presenters: Presenters
    let accounts: AccountStore
    let uploads: Uploads
    let pages: PageRenderer
    let clock: Clock

    static let dashboardPageSize = 50

    private var store: any ClaimQueries { updates.store }
    private var dates: DateDisplay { presenters.dates }

    // MARK: dashboard

    func dashboard(_ filters: DashboardFilters, context: RequestContext) throws -> HTTPResponse {
        let organization = try organizationID(context)
        let page = try store.dashboard(filters.query(organizationID: organization, limit: Self.dashboardPageSize))
        let counts = try store.stateCounts(organizationID: organization)
        let model = PartnerDashboardPage(page: page, counts: counts, filters: filters,
                                         isGlobalAdmin: context.user?.role == .globalAdmin,
                                         presenter: presenters.presenter(context.localizer))
        return pages.render(model, context: context)
    }

    func export(_ filters: DashboardFilters, context: RequestContext) throws -> HTTPResponse {
        let rows = try store.dashboard(filters.firstPage.query(organizationID: try organizationID(context), limit: nil)).rows
        let csv = ClaimsExport(rows: rows, localizer: context.localizer, dates: dates)
        var response = HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8; header=present"],
                                    body: .bytes(csv.table.bytes))
        let day = dates.iso(clock.now()).prefix(10)
        response.headers.set("Content-Disposition", ContentDisposition.attachment(filename: "claims-\(day).csv"))
        return response
    }

    // MARK: the claim form

    func newForm(from source: ClaimID?, context: RequestContext) throws -> HTTPResponse {
        var form = ClaimForm()
        // "Start a new claim from this one": the old claim's fields, never its state.
        if let source { form = ClaimForm(try updates.visibleClaim(source, to: try actor(context)).details) }
        return try formPage(form, claim: nil, context: context)
    }

    func create(context: RequestContext) throws -> HTTPResponse {
        let actor = try actor(context)
        let form = ClaimFormPage.posted(context.form, current: ClaimForm(), editable: Set(ClaimField.allCases))
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
            try checkLocation(form, context: context, complete: false)
            let transition = try store.create { id in try Claim.draft(id: id, form: form, by: actor, at: clock.now()) }
            return .redirect(to: Route.claim(transition.claim.id, notice: .created).href)
        }, refused: { refusal in
            try formPage(form, claim: nil, refusal: refusal, context: context)
        })
    }

    private func editForm(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        var refusal: Refusal?
        if case .refused(let error) = claim.availability(of: .edit, for: try actor(context), at: clock.now(), rules: updates.rules) {
            refusal = Refusal(status: .conflict, message: context.localizer.message(error, dates: dates))
        }
        return try formPage(ClaimForm(claim.details), claim: claim, refusal: refusal, context: context)
    }

    private func saveEdit(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let actor = try actor(context)
        let form = ClaimFormPage.posted(context.form, current: ClaimForm(claim.details), editable: claim.state.editableFields)
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
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

    private func formPage(_ form: ClaimForm, claim: Claim?, refusal: Refusal? = nil,
                          context: RequestContext) throws -> HTTPResponse {
        let organization = try currentOrganization(context)
        let presenter = presenters.presenter(context.localizer)
        let page = ClaimFormPage(form: form, claim: claim, locations: organization.locations, presenter: presenter, refusal: refusal)
        return pages.render(page, status: refusal?.status ?? .ok, context: context)
    }

    /// The location must be one of the organization's own (the domain only checks its format);
    /// reported together with the domain's own findings, so the partner sees every problem at once.
    private func checkLocation(_ form: ClaimForm, context: RequestContext, complete: Bool) throws {
        let location = form.partnerLocationID.trimmingCharacters(in: .whitespacesAndNewlines)
        let organization = try currentOrganization(context)
        guard !location.isEmpty, !organization.locations.contains(where: { $0.locationID == location }) else { return }
        var issues: [ClaimField: FieldIssue] = [.partnerLocationID: .unknownChoice(location)]
        if case .failure(let errors) = form.validated(complete: complete) { issues.merge(errors.issues) { mine, _ in mine } }
        throw Refusal(status: .unprocessableContent, message: "", place: .fields(issues))
    }

    // MARK: a claim's page

    func show(_ id: ClaimID, notice: ClaimNotice?, context: RequestContext) throws -> HTTPResponse {
        let claim = try updates.visibleClaim(id, to: try actor(context))
        return try showPage(claim, input: ClaimShowPage.Input(notice: notice), context: context)
    }

    private func showPage(_ claim: Claim, input: ClaimShowPage.Input, context: RequestContext) throws -> HTTPResponse {
        let presenter = try presenters.presenter(context.localizer, for: claim)
        let page = ClaimShowPage(claim: claim, allowed: updates.allowed(on: claim, for: try actor(context)), presenter: presenter,
                                 maxUpload: uploads.maxFileBytes, input: input)
        return pages.render(page, status: input.refusal?.status ?? .ok, context: context)
    }

    func page(_ page: ClaimPage, of id: ClaimID, context: RequestContext) throws -> HTTPResponse {
        let claim = try updates.visibleClaim(id, to: try actor(context))
        switch (page, context.isPost) {
        case (.history, _): return try history(claim, context: context)
        case (.edit, false): return try editForm(claim, context: context)
        case (.edit, true): return try saveEdit(claim, context: context)
        case (.documents, _): return try upload(to: claim, context: context)
        case (.comments, _): return try comment(on: claim, context: context)
        case (.submit, false), (.withdraw, false), (.disassociate, false):
            return try confirmation(page, claim: claim, context: context)
        case (.submit, true), (.withdraw, true), (.disassociate, true):
            return try confirmed(page, claim: claim, context: context)
        case (.respond, false): return try respondPage(claim, context: context)
        case (.respond, true): return try respond(claim, context: context)
        case (.dispute, false): return try disputePage(claim, context: context)
        case (.dispute, true): return try dispute(claim, context: context)
        }
    }

    private func history(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let entries = try store.history(of: claim.id)
        let presenter = try presenters.presenter(context.localizer, for: claim, history: entries)
        return pages.render(ClaimHistoryPage(claim: claim, history: entries, presenter: presenter), context: context)
    }

    private func comment(on claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("text")
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
            // A comment only adds to the thread, so it goes in whatever changed since the page was read.
            try updates.perform([.addComment(text)], on: claim.id, version: nil, by: try actor(context))
            return .redirect(to: Route.claim(claim.id, notice: .commented).href(fragment: "comments"))
        }, refused: { refusal in
            var refusal = refusal
            if refusal.place == .alert { refusal.place = .text }
            return try showPage(try store.claim(claim.id) ?? claim,
                                input: ClaimShowPage.Input(commentText: text, refusal: refusal), context: context)
        })
    }

    private func upload(to claim: Claim, context: RequestContext) throws -> HTTPResponse {
        try Refusal.catching(localizer: context.localizer, dates: dates, {
            let accepted = try uploads.accept(context)
            guard !accepted.isEmpty else {
                throw UploadProblem(status: .unprocessableContent, messageKey: "partner.upload.none", arguments: [:])
            }
            // Uploads only add to the claim, so they go in whatever changed since the page was read.
            try updates.perform(accepted.map { .addProofOfExecution($0.upload) }, on: claim.id, version: nil,
                                by: try actor(context)) { try uploads.store(accepted, from: context.form) }
            return .redirect(to: Route.claim(claim.id, notice: .uploaded).href(fragment: "documents"))
        }, refused: { refusal in
            var refusal = refusal
            if refusal.place == .alert { refusal.place = .documents }
            return try showPage(try store.claim(claim.id) ?? claim, input: ClaimShowPage.Input(refusal: refusal), context: context)
        })
    }

    // MARK: submit, withdraw, disassociate

    private func confirmation(_ page: ClaimPage, claim: Claim, text: String = "", refusal: Refusal? = nil,
                              context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: page.actionKind!, for: try actor(context), at: clock.now(), rules: updates.rules)
        let model = ClaimConfirmPage(page, claim: claim, availability: availability,
                                     presenter: presenters.presenter(context.localizer), text: text, refusal: refusal)
        let status: HTTPStatus = refusal?.status ?? (availability.isAllowed ? .ok : .conflict)
        return pages.render(model, status: status, context: context)
    }

    private func confirmed(_ page: ClaimPage, claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("reason")
        let action: ClaimAction = switch page {
        case .withdraw: .requestRejection(reason: text)
        case .disassociate: .disassociate(reason: text)
        default: .submit
        }
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
            try updates.perform([action], on: claim.id, version: context.submittedVersion, by: try actor(context))
            return .redirect(to: Route.claim(claim.id, notice: page.notice).href)
        }, refused: { refusal in
            try confirmation(page, claim: try store.claim(claim.id) ?? claim, text: text, refusal: refusal, context: context)
        })
    }

    // MARK: responding to a request for partner action

    private func respondPage(_ claim: Claim, text: String = "", removals: Set<String>? = nil, refusal: Refusal? = nil,
                             context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: .resubmit, for: try actor(context), at: clock.now(), rules: updates.rules)
        let model = RespondPage(claim: claim, availability: availability,
                                presenter: try presenters.presenter(context.localizer, for: claim),
                                maxUpload: uploads.maxFileBytes, text: text, removals: removals, refusal: refusal)
        return pages.render(model, status: refusal?.status ?? (availability.isAllowed ? .ok : .conflict), context: context)
    }

    private func respond(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("comment")
        let removals = Set(context.form.values("remove"))
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
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
                let presenter = presenters.presenter(context.localizer)
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

    private func disputePage(_ claim: Claim, text: String = "", refusal: Refusal? = nil,
                             context: RequestContext) throws -> HTTPResponse {
        let availability = claim.availability(of: .dispute, for: try actor(context), at: clock.now(), rules: updates.rules)
        let model = DisputePage(claim: claim, availability: availability,
                                presenter: try presenters.presenter(context.localizer, for: claim),
                                maxUpload: uploads.maxFileBytes, text: text, refusal: refusal)
        return pages.render(model, status: refusal?.status ?? .ok, context: context)
    }

    private func dispute(_ claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("justification")
        return try Refusal.catching(localizer: context.localizer, dates: dates, {
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

    // MARK: who is asking

    private func actor(_ context: RequestContext) throws -> Actor {
        guard let actor = context.actor else { throw HTTPError(.forbidden) }
        return actor
    }

    private func organizationID(_ context: RequestContext) throws -> Int64 {
        guard let id = context.user?.organizationID else { throw HTTPError(.forbidden) }
        return id
    }

    private func currentOrganization(_ context: RequestContext) throws -> Organization {
        guard let organization = try accounts.organization(id: try organizationID(context)) else {
            // A partner user whose organization row is gone: a broken database, not a user mistake.
            throw PartnerPageError.organizationMissing
        }
        return organization
    }
}

enum PartnerPageError: Error {
    case organizationMissing
}

extension ClaimPage {
    /// The domain's action behind a confirmation page.
    var actionKind: ActionKind? {
        switch self {
        case .submit: .submit
        case .withdraw: .requestRejection
        case .disassociate: .disassociate
        case .respond: .resubmit
        case .dispute: .dispute
        case .edit: .edit
        case .documents: .addProofOfExecution
        case .comments: .addComment
        case .history: nil
        }
    }

    /// What the claim page confirms after the page's POST succeeded.
    var notice: ClaimNotice {
        switch self {
        case .submit: .submitted
        case .withdraw: .withdrawn
        case .disassociate: .disassociated
        case .respond: .responded
        case .dispute: .disputed
        case .edit: .saved
        case .documents: .uploaded
        case .comments: .commented
        case .history: .saved
        }
    }
}

extension RequestContext {
    /// The claim version a form was based on; nil when the form did not say (never from our pages).
    var submittedVersion: Int? { form.field("version").flatMap { Int($0) } }
}
