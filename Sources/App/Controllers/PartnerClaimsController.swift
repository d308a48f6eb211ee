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
    let accounts: any AccountStore
    let uploads: Uploads
    let pages: PageRenderer
    let clock: Clock
    /// Where exports are spooled on their way out (the upload spool, which `serve` clears).
    let spoolDirectory: String

    static let dashboardPageSize = 50

    var store: any ClaimQueries { updates.store }

    // MARK: dashboard

    func dashboard(_ filters: DashboardFilters, context: RequestContext) throws -> HTTPResponse {
        let organization = try organizationID(context)
        let page = try store.dashboard(filters.query(organizationID: organization, limit: Self.dashboardPageSize))
        let counts = try store.stateCounts(organizationID: organization)
        let model = PartnerDashboardPage(page: page, counts: counts, filters: filters,
                                         isGlobalAdmin: context.user?.role == .globalAdmin,
                                         presenter: presenters.presenter(context))
        return pages.render(model, context: context)
    }

    /// Written to a spool file a page at a time, all pages from one snapshot, then sent with its
    /// length: a failure half-way is a 500 before the first byte, never a file that looks complete.
    func export(_ filters: DashboardFilters, context: RequestContext) throws -> HTTPResponse {
        let query = filters.firstPage.query(organizationID: try organizationID(context), limit: ClaimsExport.pageSize)
        let spool = try ResponseSpool(directory: spoolDirectory)
        var csv = ClaimsExport(localizer: context.localizer)
        try store.forEachDashboardPage(query) { page in
            csv.append(page.rows)
            try spool.write(csv.takeBytes())
        }
        var response = HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8; header=present"],
                                    body: try spool.finish())
        let day = context.localizer.dates.iso(clock.now()).prefix(10)
        response.headers.set("Content-Disposition", ContentDisposition.attachment(filename: "claims-\(day).csv"))
        return response
    }

    // MARK: a claim's page

    func show(_ id: ClaimID, notice: ClaimNotice?, commentsBefore: Int? = nil, context: RequestContext) throws -> HTTPResponse {
        let claim = try updates.visibleClaim(id, to: try actor(context))
        return try showPage(claim, input: ClaimShowPage.Input(notice: notice, commentsBefore: commentsBefore), context: context)
    }

    func showPage(_ claim: Claim, input: ClaimShowPage.Input, context: RequestContext) throws -> HTTPResponse {
        var input = input
        input.directoryDisagreements = try updates.directoryDisagreements(of: claim)
        let presenter = try presenters.presenter(context, for: claim)
        let page = ClaimShowPage(claim: claim, allowed: updates.allowed(on: claim, for: try actor(context)), presenter: presenter,
                                 maxUpload: uploads.maxFileBytes, input: input)
        return pages.render(page, status: input.refusal?.status ?? .ok, context: context)
    }

    func page(_ page: ClaimPage, of id: ClaimID, before: Int? = nil, context: RequestContext) throws -> HTTPResponse {
        // None of these pages shows the thread, and an action appends to it without reading it: a
        // refusal that shows the claim's page again reads the claim whole.
        let claim = try updates.visibleClaim(id, to: try actor(context), comments: false)
        switch (page, context.isPost) {
        case (.history, _): return try history(claim, before: before, context: context)
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

    private func history(_ claim: Claim, before: Int?, context: RequestContext) throws -> HTTPResponse {
        let entries = try store.history(of: claim.id)
        let window = ThreadWindow(total: entries.count, before: before, size: ThreadWindow.history)
        let shown = Array(window.items(entries))
        let presenter = try presenters.presenter(context, for: claim, history: shown)
        return pages.render(ClaimHistoryPage(claim: claim, history: shown, window: window, presenter: presenter), context: context)
    }

    private func comment(on claim: Claim, context: RequestContext) throws -> HTTPResponse {
        let text = context.form.text("text")
        return try Refusal.catching(localizer: context.localizer, {
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
        try Refusal.catching(localizer: context.localizer, {
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

    // MARK: who is asking

    func actor(_ context: RequestContext) throws -> Actor {
        guard let actor = context.actor else { throw HTTPError(.forbidden) }
        return actor
    }

    func organizationID(_ context: RequestContext) throws -> Int64 {
        guard let id = context.user?.organizationID else { throw HTTPError(.forbidden) }
        return id
    }

    func currentOrganization(_ context: RequestContext) throws -> Organization {
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
